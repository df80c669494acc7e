package org.coloconsole.colo;

import java.util.Optional;

/**
 * The one rule for what an ended or refused connection says about a side's QEMU process. Only a UNIX socket on this
 * host proves the process gone: its end of stream, or a refused connect (nothing listens on the path, or the path is
 * gone), can only come from QEMU exiting. Over TCP and TLS a reset or a refusal may come from a firewall REJECT rule, a
 * conntrack flush, an injected RST or a rebooting host's kernel while QEMU runs on: that side is unreachable, not
 * lost, and promoting the other side needs the operator's word that it is fenced.
 */
public final class DeathEvidence {

    private DeathEvidence() {
    }

    /** The verdict after an established connection ended for {@code why}; empty keeps the earlier verdict. */
    public static Optional<HeartbeatStatus> afterLost(SocketKind socket, Observation.Lost.Why why) {
        return switch (why) {
            case CLOSED_BY_PEER -> Optional.of(socket == SocketKind.LOCAL_UNIX
                    ? HeartbeatStatus.LOST : HeartbeatStatus.UNREACHABLE);
            // the console gave up or dropped it itself: nothing is known about the process
            case PROTOCOL_ERROR, BY_USER -> Optional.of(HeartbeatStatus.UNKNOWN);
            // dropped for its silence: the verdict the silence earned stands until the new attempt answers
            case SILENT -> Optional.empty();
        };
    }

    /** The verdict after a connect attempt failed for {@code reason}. */
    public static HeartbeatStatus afterConnectFailed(SocketKind socket, ConnectFailure reason) {
        return switch (reason) {
            case REFUSED -> socket == SocketKind.LOCAL_UNIX ? HeartbeatStatus.LOST : HeartbeatStatus.UNREACHABLE;
            case CONNECT_TIMEOUT -> HeartbeatStatus.UNREACHABLE;
            case NO_GREETING -> HeartbeatStatus.UNRESPONSIVE;
            // an I/O error of another kind (permissions, no route…) says nothing about the process
            case IO -> HeartbeatStatus.UNREACHABLE;
            // refused on security grounds: nothing is known about QEMU
            case REJECTED -> HeartbeatStatus.UNKNOWN;
        };
    }

    /** The card's few words for why the connection ended. */
    static String cause(SocketKind socket, Observation.Lost l) {
        return switch (l.why()) {
            case PROTOCOL_ERROR -> "QEMU sent what the console cannot read";
            case BY_USER -> "disconnected by the operator";
            case SILENT -> "silent: reconnecting to tell a hung QEMU from an unreachable host";
            case CLOSED_BY_PEER -> socket == SocketKind.LOCAL_UNIX ? "socket closed"
                    : "connection reset or closed over " + socket.words()
                    + ", which a firewall or the network can do while QEMU runs: no proof that it is gone";
        };
    }

    /** The card's few words for why connecting failed. */
    static String cause(SocketKind socket, Observation.ConnectFailed f) {
        return switch (f.reason()) {
            case REFUSED -> socket == SocketKind.LOCAL_UNIX ? "connection refused: the process is gone"
                    : "connection refused over " + socket.words()
                    + ", which a firewall can do while QEMU runs: no proof that it is gone";
            case CONNECT_TIMEOUT -> "connecting times out";
            case NO_GREETING -> "connected, but QEMU does not greet";
            case REJECTED, IO -> f.sentence();
        };
    }
}
