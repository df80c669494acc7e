package org.coloconsole.colo;

import java.util.Locale;
import java.util.Optional;

/**
 * How to tell that a side's guest serves, from outside (docs/colo-full-pair.md: "QEMU says running" is not "the VM
 * serves"): a TCP connect, or an HTTP GET answered with the expected status.
 */
public sealed interface ServiceProbe permits ServiceProbe.Tcp, ServiceProbe.Http {

    String host();

    int port();

    /** As the CLI and the profile write it: {@code tcp:HOST:PORT} or {@code http://HOST:PORT/PATH}. */
    String text();

    record Tcp(String host, int port) implements ServiceProbe {
        @Override
        public String text() {
            return "tcp:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** @param path the request target, e.g. {@code /cgi-bin/status} */
    record Http(String host, int port, String path, int expectedStatus) implements ServiceProbe {
        @Override
        public String text() {
            return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + path
                    + (expectedStatus == 200 ? "" : " (expect " + expectedStatus + ")");
        }
    }

    /**
     * Reads {@code tcp:HOST:PORT} or {@code http://HOST[:PORT]/PATH} (expecting 200); empty with no sentence when the
     * text is not one of them — {@link #problem(String)} gives the sentence.
     */
    static Optional<ServiceProbe> parse(String text) {
        return problem(text).isEmpty() ? Optional.of(read(text.strip(), 200)) : Optional.empty();
    }

    /** As {@link #parse(String)}, for HTTP with another expected status. */
    static Optional<ServiceProbe> parse(String text, int expectedStatus) {
        Optional<ServiceProbe> probe = parse(text);
        return probe.map(p -> p instanceof Http h ? new Http(h.host(), h.port(), h.path(), expectedStatus) : p);
    }

    /** Empty when {@code text} is a probe, else why not. */
    static String problem(String text) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("tcp:")) {
                read(t, 200);
                return "";
            }
            if (lower.startsWith("http://")) {
                read(t, 200);
                return "";
            }
        } catch (IllegalArgumentException e) {
            return "\"" + text + "\" is not a probe: " + e.getMessage();
        }
        return "\"" + text + "\" is not a probe: write tcp:HOST:PORT or http://HOST:PORT/PATH (https is not checked).";
    }

    private static ServiceProbe read(String t, int expectedStatus) {
        if (t.toLowerCase(Locale.ROOT).startsWith("tcp:")) {
            String hostPort = t.substring(4);
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("no port");
            }
            String host = hostPort.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new Tcp(host, port(hostPort.substring(colon + 1)));
        }
        // read by hand: the domain stays free of java.net (LayeringTest)
        String rest = t.substring("http://".length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        String host;
        String portText = "";
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("an unclosed [ in the host");
            }
            host = authority.substring(1, close);
            if (authority.length() > close + 1) {
                if (authority.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("text after the host");
                }
                portText = authority.substring(close + 2);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? "" : authority.substring(colon + 1);
        }
        if (host.isEmpty() || host.contains("@")) {
            throw new IllegalArgumentException("no host");
        }
        return new Http(host, portText.isEmpty() ? 80 : port(portText), path, expectedStatus);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + text + " is out of range");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port " + text + " is not a number");
        }
    }
}
