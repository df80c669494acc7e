package org.coloconsole.app;

import java.nio.file.Path;
import org.coloconsole.qmp.Endpoint;

/**
 * Opens the console window. The app layer cannot see the UI (layers point one way), so the entry point hands an
 * implementation in.
 */
@FunctionalInterface
public interface GuiLauncher {

    /**
     * Opens the window on {@code start} and blocks until it closes.
     *
     * @return the process exit code
     */
    int launch(WindowStart start);

    /** What the window opens on. */
    sealed interface WindowStart {
        /** The start screen: recent profiles, connect, start a local lab pair. */
        record StartScreen() implements WindowStart {
        }

        /**
         * A pair given on the command line.
         *
         * @param security how its monitors are reached (TLS files, plain TCP to a remote host or not)
         * @param name     the pair's name ({@code --name}, else one made from the endpoints)
         */
        record Pair(PairEndpoints endpoints, TransportSecurity security, String name) implements WindowStart {
            public Pair(PairEndpoints endpoints, TransportSecurity security) {
                this(endpoints, security, endpoints.derivedName());
            }
        }

        /** A saved profile, by name ({@code --profile}), opened as the start screen opens it. */
        record Profile(String name) implements WindowStart {
        }

        /**
         * A local lab pair that the window starts itself, so that it knows it runs on one (its status bar says so)
         * and stops it when it closes.
         */
        record Lab() implements WindowStart {
        }
    }

    /** Both monitors of a pair. */
    record PairEndpoints(Endpoint primary, Endpoint secondary) {
        /**
         * A name for a pair opened without a profile or {@code --name}: the hosts, or for UNIX sockets the directory
         * that holds them, which is what tells two local pairs apart.
         */
        public String derivedName() {
            String p = place(primary);
            String s = place(secondary);
            return p.equals(s) ? p : p + " ⇄ " + s;
        }

        private static String place(Endpoint endpoint) {
            if (endpoint instanceof Endpoint.Tcp t) {
                return t.host();
            }
            if (endpoint instanceof Endpoint.Tls t) {
                return t.host();
            }
            Path path = ((Endpoint.Unix) endpoint).path();
            Path dir = path.getParent();
            return dir == null || dir.getFileName() == null ? path.toString() : dir.getFileName().toString();
        }
    }
}
