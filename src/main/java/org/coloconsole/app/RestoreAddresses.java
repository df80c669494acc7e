package org.coloconsole.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.coloconsole.colo.ReprotectOptions;
import org.coloconsole.qmp.Endpoint;

/**
 * The addresses a restore of protection needs ({@code protect}, {@code reprotect}, {@code swap}, {@code lab drill},
 * the window's Restore protection…): the new side's NBD server and migration listener, the survivor's two colo-compare
 * loops; as the flags give them, else free ports on loopback, the only place where the console can tell a port is
 * free.
 */
public final class RestoreAddresses {
    private RestoreAddresses() {
    }

    /**
     * @param nbd      {@code --nbd HOST:PORT} or null
     * @param incoming {@code --incoming tcp:HOST:PORT} or null
     * @return empty for a pair not on loopback without both flags (the caller asks for them)
     * @throws IllegalArgumentException a sentence, when {@code --nbd} is not HOST:PORT
     */
    public static Optional<ReprotectOptions> choose(Endpoint survivor, Endpoint fresh, String nbd, String incoming,
                                             String export, Duration checkpointDelay) throws IOException {
        Optional<String> freshHost = loopbackHost(fresh);
        Optional<String> survivorHost = loopbackHost(survivor);
        if ((freshHost.isEmpty() && (nbd == null || incoming == null)) || survivorHost.isEmpty()) {
            return Optional.empty();
        }
        String nbdHost;
        int nbdPort;
        if (nbd != null) {
            int colon = nbd.lastIndexOf(':');
            nbdHost = nbd.substring(0, Math.max(0, colon));
            nbdPort = port(nbd.substring(colon + 1), nbd);
        } else {
            nbdHost = freshHost.get();
            nbdPort = freePort(nbdHost);
        }
        String uri = incoming != null ? incoming : "tcp:" + freshHost.get() + ":" + freePort(freshHost.get());
        return Optional.of(new ReprotectOptions(nbdHost, nbdPort, uri, export, survivorHost.get(),
                freePort(survivorHost.get()), freePort(survivorHost.get()), checkpointDelay));
    }

    /**
     * Without flags (the window): free ports on loopback.
     *
     * @throws IllegalArgumentException with a sentence when a side is not on this host
     */
    public static ReprotectOptions onThisHost(Endpoint survivor, Endpoint fresh, Duration checkpointDelay) {
        try {
            return choose(survivor, fresh, null, null, ReprotectOptions.GUIDE_EXPORT, checkpointDelay)
                    .orElseThrow(() -> new IllegalArgumentException(needFlags(survivor, fresh)
                            .replace("give --nbd", "run colo-console reprotect with --nbd")));
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on this host: " + e.getMessage(), e);
        }
    }

    /** The sentence for {@link #choose}'s empty answer. */
    public static String needFlags(Endpoint survivor, Endpoint fresh) {
        return "The console picks the NBD and migration addresses only for a pair on loopback; give --nbd and "
                + "--incoming for " + fresh.text() + " (the survivor " + survivor.text() + " must be on loopback).";
    }

    private static int port(String text, String flag) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // the sentence below says what is expected
        }
        throw new IllegalArgumentException("--nbd takes HOST:PORT with a port from 1 to 65535, not '" + flag + "'.");
    }

    private static Optional<String> loopbackHost(Endpoint endpoint) {
        if (endpoint instanceof Endpoint.Unix) {
            return Optional.of("127.0.0.1");
        }
        String host = endpoint instanceof Endpoint.Tcp tcp ? tcp.host() : "";
        if (host.equals("127.0.0.1") || host.equals("localhost")) {
            return Optional.of("127.0.0.1");
        }
        return host.equals("::1") ? Optional.of(host) : Optional.empty();
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }
}
