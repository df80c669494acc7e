package org.coloconsole.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Whether a lab guest's page answers 200 through a side's forwarded port: what the full-pair benches time. */
final class GuestAnswers {
    private final HttpClient http;
    private final Duration timeout;

    /** @param timeout for the whole request: a poller's figure is no finer than this (FailoverServingBench) */
    GuestAnswers(Duration connectTimeout, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.timeout = timeout;
    }

    boolean at(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
