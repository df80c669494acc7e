package org.coloconsole.colo;

/** What the console's own pings say about one QEMU. */
public enum HeartbeatStatus {
    /** Not connected yet: nothing is known. */
    UNKNOWN,
    HEALTHY,
    /** Answers, but a round trip took longer than the slow threshold. */
    SLOW,
    /** The socket is open but pings go unanswered: QEMU is hung or stopped (SIGSTOP), or its host is frozen. */
    UNRESPONSIVE,
    /** The socket closed or the connection is refused: the QEMU process is gone. */
    LOST,
    /** Connecting times out: the host or the network between it and the console does not answer. */
    UNREACHABLE;

    /** Whether the console can send this side commands right now. */
    public boolean answering() {
        return this == HEALTHY || this == SLOW;
    }
}
