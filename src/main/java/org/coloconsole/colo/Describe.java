package org.coloconsole.colo;

import java.time.Duration;
import java.time.Instant;

/** Small phrases the recommendation and interlock share. */
final class Describe {
    private Describe() {
    }

    static String ago(Instant since, Instant now) {
        // under a second it is "just now": a log row or a notification that keeps the phrase does not read
        // "lost 0.0 s ago" forever after
        return Duration.between(since, now).toMillis() < 1000 ? "just now" : seconds(Duration.between(since, now))
                + " ago";
    }

    static String seconds(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms >= 10_000) {
            return (ms / 1000) + " s";
        }
        // as "%.1f" rounds (half up), without a Formatter per observation (a hot path under floods) and with a
        // '.' whatever the default locale
        long tenths = Math.round(ms / 100.0);
        return tenths / 10 + "." + tenths % 10 + " s";
    }

    /** Why a side does not answer, for sentences like "Primary lost 2.1 s ago (socket closed)". */
    static String condition(SideState s, Instant now) {
        String since = ago(s.heartbeat().since(), now);
        return switch (s.heartbeat().status()) {
            case LOST -> "lost " + since + " (" + (s.connectionSentence().isEmpty() ? "socket closed"
                    : s.connectionSentence()) + ")";
            case UNREACHABLE -> "unreachable " + since + " (" + (s.connectionSentence().isEmpty()
                    ? "connecting times out" : s.connectionSentence()) + ")";
            case UNRESPONSIVE -> "not answering pings for " + seconds(Duration.between(
                    s.heartbeat().lastOkAt().orElse(s.heartbeat().since()), now)) + " (hung or stopped)";
            case UNKNOWN -> notKnown(s, now);
            case HEALTHY, SLOW -> "healthy";
        };
    }

    private static String notKnown(SideState s, Instant now) {
        if (s.connection() == ConnectionStatus.REJECTED) {
            return "refused on security grounds for " + seconds(Duration.between(s.connectionSince(), now))
                    + " (" + s.connectionSentence() + ")";
        }
        return s.connection() == ConnectionStatus.DISCONNECTED
                ? "disconnected " + ago(s.connectionSince(), now) + " (" + s.connectionSentence() + ")"
                : "not connected yet";
    }

    static String coloPart(SideState s) {
        if (s.tookOver()) {
            return "carries on alone after failover";
        }
        if (s.waitingAfterError()) {
            return "waiting after COLO_EXIT reason=error";
        }
        if (s.inColo()) {
            return "in COLO as " + s.coloMode().raw();
        }
        return "not in COLO";
    }
}
