package org.coloconsole.colo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Something the operator must hear about even when the window is not looked at: the advice turned to act, to "cannot
 * tell" or to split brain, or a side was lost. {@link #between} is the one rule for when; the desktop notification,
 * the window and the profile's alert command all read it.
 *
 * @param side the side concerned (a lost side), empty for advice about the pair
 */
public record Alert(Kind kind, Optional<Side> side, String title, String body, Instant at) {

    public enum Kind {
        /** The console recommends a failover. */
        ACT,
        CANNOT_TELL,
        SPLIT_BRAIN,
        SIDE_LOST;

        /** How the alert command and the journal name it: "act", "cannot-tell", "split-brain", "side-lost". */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The alerts raised by going from {@code before} (empty: the first snapshot) to {@code after}: advice to act,
     * "cannot tell" or split brain when the recommended action changes to it, and each side newly lost. Pure.
     */
    public static List<Alert> between(Optional<PairSnapshot> before, PairSnapshot after, String pairName) {
        List<Alert> alerts = new ArrayList<>();
        Optional<Kind> now = adviceKind(after.recommendation());
        // a new alert for a new action too, not only a new kind: advice that turns from "continue on the primary" to
        // "promote the secondary" (a killed primary's socket closing just after the secondary's COLO_EXIT arrived)
        // must not leave the operator with the first one
        boolean sameAdvice = before.map(b -> b.recommendation().kind() == after.recommendation().kind())
                .orElse(false);
        if (now.isPresent() && !sameAdvice) {
            alerts.add(new Alert(now.get(), after.recommendation().target(), pairName + ": " + title(now.get()),
                    after.recommendation().headline(), after.at()));
        }
        for (Side side : Side.values()) {
            boolean lostNow = lost(after.state().side(side));
            boolean lostBefore = before.map(b -> lost(b.state().side(side))).orElse(false);
            if (lostNow && !lostBefore) {
                alerts.add(new Alert(Kind.SIDE_LOST, Optional.of(side), pairName + ": the " + side.label() + " is lost",
                        Describe.condition(after.state().side(side), after.at()) + ".", after.at()));
            }
        }
        return alerts;
    }

    /** The alert that advice {@code r} raises, if any (AlertSettle asks whether advice still holds). */
    static Optional<Kind> adviceKind(Recommendation r) {
        return switch (r.kind()) {
            case PROMOTE_SECONDARY, CONTINUE_ON_PRIMARY -> Optional.of(Kind.ACT);
            case CANNOT_TELL -> Optional.of(Kind.CANNOT_TELL);
            case SPLIT_BRAIN -> Optional.of(Kind.SPLIT_BRAIN);
            case PROTECTED, DEGRADED, WAIT -> Optional.empty();
        };
    }

    private static boolean lost(SideState s) {
        return s.heartbeat().status() == HeartbeatStatus.LOST || s.heartbeat().status() == HeartbeatStatus.UNREACHABLE;
    }

    private static String title(Kind kind) {
        return switch (kind) {
            case ACT -> "failover recommended";
            case CANNOT_TELL -> "the console cannot tell";
            case SPLIT_BRAIN -> "SPLIT BRAIN";
            case SIDE_LOST -> "a side is lost";
        };
    }
}
