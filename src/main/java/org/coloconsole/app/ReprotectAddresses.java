package org.coloconsole.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.coloconsole.colo.ReprotectOptions;
import org.coloconsole.qmp.Endpoint;

/**
 * Where restoring protection puts what it creates, chosen by the console for a pair on this host (loopback TCP or
 * UNIX monitors), where it can tell a free port: the new side's NBD server and migration listener on its loopback
 * host, the survivor's two colo-compare loops on its own. A pair elsewhere needs the addresses from the operator
 * ({@code colo-console reprotect --nbd --incoming}).
 */
public final class ReprotectAddresses {
    private ReprotectAddresses() {
    }

    /**
     * @throws IllegalArgumentException with a sentence when a side is not on this host
     */
    public static ReprotectOptions onThisHost(Endpoint survivor, Endpoint fresh, Duration checkpointDelay) {
        String host = loopbackHost(fresh);
        String survivorHost = loopbackHost(survivor);
        try {
            return new ReprotectOptions(host, freePort(host), "tcp:" + host + ":" + freePort(host),
                    ReprotectOptions.GUIDE_EXPORT, survivorHost, freePort(survivorHost), freePort(survivorHost),
                    checkpointDelay);
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on this host: " + e.getMessage(), e);
        }
    }

    /** Whether the console can choose the addresses itself for this side. */
    public static boolean onThisHost(Endpoint endpoint) {
        return endpoint instanceof Endpoint.Unix || endpoint instanceof Endpoint.Tcp tcp
                && (tcp.host().equals("127.0.0.1") || tcp.host().equals("localhost") || tcp.host().equals("::1"));
    }

    private static String loopbackHost(Endpoint endpoint) {
        if (!onThisHost(endpoint)) {
            throw new IllegalArgumentException("The console picks the NBD and migration addresses only for a pair on "
                    + "this host; for " + endpoint.text() + " run colo-console reprotect with --nbd and --incoming.");
        }
        return endpoint instanceof Endpoint.Tcp tcp && tcp.host().equals("::1") ? "::1" : "127.0.0.1";
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }
}
