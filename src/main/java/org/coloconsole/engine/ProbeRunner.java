package org.coloconsole.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.coloconsole.colo.ProbeResult;
import org.coloconsole.colo.ServiceProbe;
import org.coloconsole.colo.Side;

/**
 * Runs a side's service probe once: a TCP connect, or an HTTP/1.0 GET whose status line is compared with the expected
 * status. Only loopback addresses unless allowed, checked after resolving and before any packet is sent (as
 * {@code Connector} does for plain TCP monitors).
 */
public final class ProbeRunner {
    /** The lab's status page is a few lines; anything longer is read no further. */
    private static final int MAX_BODY = 8192;

    private final Clock clock;
    private final Duration timeout;
    private final boolean allowRemote;

    public ProbeRunner(Clock clock, Duration timeout, boolean allowRemote) {
        this.clock = clock;
        this.timeout = timeout;
        this.allowRemote = allowRemote;
    }

    public ProbeResult run(Side side, ServiceProbe probe) {
        long started = System.nanoTime();
        InetAddress address;
        try {
            address = InetAddress.getByName(probe.host());
        } catch (UnknownHostException e) {
            return result(side, ProbeResult.Outcome.FAILED, "cannot resolve " + probe.host(), OptionalLong.empty(),
                    started);
        }
        if (!allowRemote && !address.isLoopbackAddress()) {
            return result(side, ProbeResult.Outcome.REFUSED, probe.host() + " is not a loopback address; the "
                    + "profile does not allow probes to other hosts", OptionalLong.empty(), started);
        }
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, probe.port()), millis);
            if (probe instanceof ServiceProbe.Tcp) {
                return result(side, ProbeResult.Outcome.PASSED, "connected", OptionalLong.empty(), started);
            }
            ServiceProbe.Http http = (ServiceProbe.Http) probe;
            socket.setSoTimeout(millis);
            socket.getOutputStream().write(("GET " + http.path() + " HTTP/1.0\r\nHost: " + http.host()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = read(socket.getInputStream());
            int status = statusOf(response);
            String body = body(response);
            if (status == http.expectedStatus()) {
                return result(side, ProbeResult.Outcome.PASSED, "HTTP " + status, ProbeResult.diskLine(body), started);
            }
            return result(side, ProbeResult.Outcome.FAILED, status < 0 ? "no HTTP answer"
                    : "HTTP " + status + " (expected " + http.expectedStatus() + ")", OptionalLong.empty(), started);
        } catch (IOException e) {
            return result(side, ProbeResult.Outcome.FAILED, String.valueOf(e.getMessage()), OptionalLong.empty(),
                    started);
        }
    }

    private static String read(InputStream in) throws IOException {
        byte[] buffer = new byte[MAX_BODY];
        int total = 0;
        int n;
        while (total < buffer.length && (n = in.read(buffer, total, buffer.length - total)) > 0) {
            total += n;
        }
        return new String(buffer, 0, total, StandardCharsets.ISO_8859_1);
    }

    /**
     * What follows the headers. A CGI's own headers end with a bare blank line (busybox httpd passes them through), so
     * {@code \n\n} counts as the end as well as {@code \r\n\r\n}.
     */
    public static String body(String response) {
        int crlf = response.indexOf("\r\n\r\n");
        int lf = response.indexOf("\n\n");
        if (crlf < 0 && lf < 0) {
            return "";
        }
        if (lf < 0 || (crlf >= 0 && crlf < lf)) {
            return response.substring(crlf + 4);
        }
        return response.substring(lf + 2);
    }

    /** {@code HTTP/1.x NNN …}; -1 when the answer is not HTTP. */
    private static int statusOf(String response) {
        if (!response.startsWith("HTTP/") || response.indexOf(' ') < 0) {
            return -1;
        }
        String rest = response.substring(response.indexOf(' ') + 1);
        try {
            return Integer.parseInt(rest.substring(0, Math.min(3, rest.length())));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ProbeResult result(Side side, ProbeResult.Outcome outcome, String sentence, OptionalLong disk,
                               long started) {
        return new ProbeResult(side, clock.instant(), outcome, sentence, disk,
                Duration.ofNanos(System.nanoTime() - started));
    }
}
