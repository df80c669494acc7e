package org.coloconsole.campaign;

/** What a campaign did and saw, for its report. */
final class CampaignFigures {
    int scenarios;
    int faults;
    int kills;
    int hangs;
    int slow;
    int garbage;
    int restarts;
    /** Real-pair restarts after which the console reconnected to the new process and re-read it in bound. */
    int restartsResynced;
    long maxRestartResyncMs;
    int storms;
    int stormsSettled;
    int duplicateExits;
    int reorderedExits;
    /** Kills seen as LOST and hangs seen as UNRESPONSIVE within their bounds. */
    int detected;
    long maxKillDetectionMs;
    long maxHangDetectionMs;
    int doublePromotions;
    int failoversAttempted;
    int failoversVerified;
    int failoversRefused;
    int failoversFailed;
    long operatorCommandsChecked;
    /** With the automatic-failover policy on: its promotions, and those without proof that the other side is down. */
    int autoPromotions;
    int autoPromotionsWithoutProof;
    int autoPromotionsJournaled;
    int autoPromotionsVerified;

    @Override
    public String toString() {
        return scenarios + " scenarios, " + faults + " faults injected (" + kills + " kills, " + hangs + " hangs, "
                + slow + " slow writers, " + garbage + " garbage lines, " + restarts + " restarts, " + storms + " reconnect storms (" + stormsSettled + " settled), " + duplicateExits
                + " duplicate and " + reorderedExits + " out-of-order COLO_EXIT), " + detected + " of "
                + (kills + hangs) + " kills/hangs detected within bound (slowest kill " + maxKillDetectionMs
                + " ms, slowest hang " + maxHangDetectionMs + " ms)"
                + (restartsResynced > 0 ? ", " + restartsResynced + " restarts re-read (slowest " + maxRestartResyncMs
                + " ms from kill to resync)" : "") + ", " + doublePromotions + " double promotions, "
                + "failovers " + failoversAttempted + " attempted / " + failoversVerified + " verified / "
                + failoversRefused + " refused / " + failoversFailed + " failed, " + operatorCommandsChecked
                + " operator commands checked against the journal"
                + (autoPromotions > 0 ? "; automatic promotions " + autoPromotions + " (" + autoPromotionsVerified
                + " verified, " + autoPromotionsJournaled + " journaled with reasons, " + autoPromotionsWithoutProof
                + " without proof of death)" : "");
    }
}
