package org.coloconsole.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.coloconsole.colo.ProbeResult;

/** The lab guest's status page through a side's forwarded port, as the full-pair tests read it. */
public final class GuestPage {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private GuestPage() {
    }

    /** The page's body, or empty when it does not answer 200 within {@code timeout}. */
    public static Optional<String> body(String url, Duration timeout) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The guest's disk counter (the page's {@code disk N} line), or empty when the page or the line is missing. */
    public static Optional<Long> disk(String url, Duration timeout) {
        return body(url, timeout).flatMap(body -> {
            java.util.OptionalLong disk = ProbeResult.diskLine(body);
            return disk.isPresent() ? Optional.of(disk.getAsLong()) : Optional.empty();
        });
    }
}
