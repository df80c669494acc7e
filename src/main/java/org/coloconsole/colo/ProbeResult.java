package org.coloconsole.colo;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One run of a side's service probe.
 *
 * @param disk the {@code disk N} line of an HTTP answer, when it has one (the lab's guest writes a counter to its disk
 *             and reads it back: an advancing value says its disk writes go through)
 */
public record ProbeResult(Side side, Instant at, Outcome outcome, String sentence, OptionalLong disk, Duration took) {

    public enum Outcome {
        /** Connected (TCP), or answered with the expected status (HTTP). */
        PASSED,
        /** Refused, timed out, or another status. */
        FAILED,
        /** The probe's address is not loopback and the profile does not allow others: nothing was sent. */
        REFUSED
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** The value of a {@code disk N} line in an answer's body. */
    public static OptionalLong diskLine(String body) {
        for (String line : body.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length == 2 && words[0].equals("disk")) {
                try {
                    return OptionalLong.of(Long.parseLong(words[1]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
