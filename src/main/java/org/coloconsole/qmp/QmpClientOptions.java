package org.coloconsole.qmp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link QmpClient} behaves.
 *
 * @param name             a short label (e.g. {@code primary}) used in thread names and messages
 * @param connectTimeout   bound on establishing the socket
 * @param handshakeTimeout bound on greeting plus capability negotiation; a monitor held by another client never greets
 * @param commandTimeout   default bound on one command's reply
 * @param maxInFlight      commands sent but not yet answered; more wait in order
 * @param maxLineBytes     longest line accepted from the peer ({@code query-qmp-schema} is about 280 KB on 7.2 and
 *                         236 KB on 10.0; QEMU's own replies and events are far below 1 MiB)
 * @param subscriberQueueBytes memory ({@link QmpEvent#footprintBytes()}) queued per subscriber before that
 *                         subscriber (only) starts losing events
 * @param tls              CA and optional client certificate for {@code tls:} endpoints; required to use one
 * @param allowInsecure    whether plain {@code tcp:} may reach a non-loopback address (anyone on that network could
 *                         drive the VM), refused before connecting unless set
 */
public record QmpClientOptions(String name, Duration connectTimeout, Duration handshakeTimeout,
                               Duration commandTimeout, int maxInFlight, int maxLineBytes, int subscriberQueueBytes,
                               Optional<TlsSettings> tls, boolean allowInsecure) {

    /** A line cap near 1 MiB: four times the largest reply QEMU sends (the schema), far from the heap's size. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
    /** Per subscriber: thousands of ordinary events, or a handful of 1 MB ones. */
    public static final int DEFAULT_SUBSCRIBER_QUEUE_BYTES = 16 * 1024 * 1024;

    public QmpClientOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tls, "tls");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(commandTimeout, "commandTimeout");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
        }
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1024, not " + maxLineBytes);
        }
        if (subscriberQueueBytes < 1) {
            throw new IllegalArgumentException("subscriberQueueBytes must be at least 1, not " + subscriberQueueBytes);
        }
    }

    /** Without TLS settings, loopback-only for plain TCP. */
    public QmpClientOptions(String name, Duration connectTimeout, Duration handshakeTimeout, Duration commandTimeout,
                            int maxInFlight, int maxLineBytes, int subscriberQueueBytes) {
        this(name, connectTimeout, handshakeTimeout, commandTimeout, maxInFlight, maxLineBytes, subscriberQueueBytes,
                Optional.empty(), false);
    }

    public static QmpClientOptions defaults(String name) {
        return new QmpClientOptions(name, Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(10),
                8, DEFAULT_MAX_LINE_BYTES, DEFAULT_SUBSCRIBER_QUEUE_BYTES);
    }

    public QmpClientOptions withTls(TlsSettings value) {
        return new QmpClientOptions(name, connectTimeout, handshakeTimeout, commandTimeout, maxInFlight, maxLineBytes,
                subscriberQueueBytes, Optional.ofNullable(value), allowInsecure);
    }

    public QmpClientOptions withAllowInsecure(boolean value) {
        return new QmpClientOptions(name, connectTimeout, handshakeTimeout, commandTimeout, maxInFlight, maxLineBytes,
                subscriberQueueBytes, tls, value);
    }

    public QmpClientOptions withConnectTimeout(Duration value) {
        return new QmpClientOptions(name, value, handshakeTimeout, commandTimeout, maxInFlight, maxLineBytes,
                subscriberQueueBytes, tls, allowInsecure);
    }

    public QmpClientOptions withHandshakeTimeout(Duration value) {
        return new QmpClientOptions(name, connectTimeout, value, commandTimeout, maxInFlight, maxLineBytes,
                subscriberQueueBytes, tls, allowInsecure);
    }

    public QmpClientOptions withCommandTimeout(Duration value) {
        return new QmpClientOptions(name, connectTimeout, handshakeTimeout, value, maxInFlight, maxLineBytes,
                subscriberQueueBytes, tls, allowInsecure);
    }

    public QmpClientOptions withMaxInFlight(int value) {
        return new QmpClientOptions(name, connectTimeout, handshakeTimeout, commandTimeout, value, maxLineBytes,
                subscriberQueueBytes, tls, allowInsecure);
    }

    public QmpClientOptions withMaxLineBytes(int value) {
        return new QmpClientOptions(name, connectTimeout, handshakeTimeout, commandTimeout, maxInFlight, value,
                subscriberQueueBytes, tls, allowInsecure);
    }

    public QmpClientOptions withSubscriberQueueBytes(int value) {
        return new QmpClientOptions(name, connectTimeout, handshakeTimeout, commandTimeout, maxInFlight, maxLineBytes,
                value, tls, allowInsecure);
    }

    private static void requirePositive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + value);
        }
    }
}
