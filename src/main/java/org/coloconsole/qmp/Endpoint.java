package org.coloconsole.qmp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a QMP monitor listens, written as operators write it on QEMU's command line:
 * {@code tcp:HOST:PORT}, {@code tls:HOST:PORT}, {@code unix:/path/to.sock} (IPv6 hosts in brackets:
 * {@code tcp:[::1]:4444}).
 */
public sealed interface Endpoint permits Endpoint.Tcp, Endpoint.Tls, Endpoint.Unix {

    /** The form {@link #parse} reads back. */
    String text();

    /** A TCP monitor. */
    record Tcp(String host, int port) implements Endpoint {
        public Tcp {
            checkHostPort(host, port);
        }

        @Override
        public String text() {
            return hostPortText("tcp", host, port);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * A TCP monitor behind QEMU's {@code tls-creds-x509}: the server's certificate must be signed by the configured CA
     * and name {@link #host()}, as written here (an IP address must be in the certificate's IP SANs).
     */
    record Tls(String host, int port) implements Endpoint {
        public Tls {
            checkHostPort(host, port);
        }

        @Override
        public String text() {
            return hostPortText("tls", host, port);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** A UNIX-domain socket monitor. */
    record Unix(Path path) implements Endpoint {
        public Unix {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String text() {
            return "unix:" + path;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    private static void checkHostPort(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new EndpointFormatException("the host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new EndpointFormatException("port " + port + " is outside 1-65535");
        }
    }

    /** {@code SCHEME:HOST:PORT}, an IPv6 host in brackets. */
    private static String hostPortText(String scheme, String host, int port) {
        return scheme + ":" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Reads an endpoint string.
     *
     * @throws EndpointFormatException naming what is wrong and what is expected
     */
    static Endpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new EndpointFormatException("an endpoint is required: tcp:HOST:PORT, tls:HOST:PORT or unix:/path/to.sock");
        }
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            throw new EndpointFormatException("'" + trimmed + "' has no transport: write tcp:HOST:PORT, tls:HOST:PORT or unix:/path/to.sock");
        }
        String scheme = trimmed.substring(0, colon);
        String rest = trimmed.substring(colon + 1);
        switch (scheme) {
            case "unix":
                if (rest.isEmpty()) {
                    throw new EndpointFormatException("'" + trimmed + "' has no socket path: write unix:/path/to.sock");
                }
                return new Unix(Path.of(rest));
            case "tcp":
                return parseHostPort(trimmed, rest, "tcp");
            case "tls":
                Tcp hostPort = parseHostPort(trimmed, rest, "tls");
                return new Tls(hostPort.host(), hostPort.port());
            default:
                throw new EndpointFormatException("'" + trimmed + "': unknown transport '" + scheme
                        + "'; write tcp:HOST:PORT, tls:HOST:PORT or unix:/path/to.sock");
        }
    }

    /** Reads HOST:PORT; a {@link Tcp} is only the carrier of the pair, {@code scheme} words the messages. */
    private static Tcp parseHostPort(String whole, String hostPort, String scheme) {
        String host;
        String port;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || close + 1 >= hostPort.length() || hostPort.charAt(close + 1) != ':') {
                throw new EndpointFormatException("'" + whole + "': write an IPv6 host as " + scheme + ":[ADDRESS]:PORT");
            }
            host = hostPort.substring(1, close);
            port = hostPort.substring(close + 2);
        } else {
            int last = hostPort.lastIndexOf(':');
            if (last < 0) {
                throw new EndpointFormatException("'" + whole + "' has no port: write " + scheme + ":HOST:PORT");
            }
            host = hostPort.substring(0, last);
            port = hostPort.substring(last + 1);
            if (host.contains(":")) {
                throw new EndpointFormatException("'" + whole + "': write an IPv6 host in brackets, " + scheme + ":[ADDRESS]:PORT");
            }
        }
        if (host.isEmpty()) {
            throw new EndpointFormatException("'" + whole + "' has no host: write " + scheme + ":HOST:PORT");
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new EndpointFormatException("'" + whole + "': port '" + port + "' is not a number");
        }
        if (number < 1 || number > 65535) {
            throw new EndpointFormatException("'" + whole + "': port " + number + " is outside 1-65535");
        }
        return new Tcp(host, number);
    }
}
