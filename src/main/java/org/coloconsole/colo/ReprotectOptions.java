package org.coloconsole.colo;

import java.time.Duration;

/**
 * Where the flow puts what it creates: the new side's NBD server and migration address (chosen by the console for a
 * loopback pair, or given by the operator), the export's name, and the two local loops of colo-compare that a former
 * secondary must add (a former primary still has them).
 *
 * @param nbdHost         the new side's NBD server address, as the survivor reaches it
 * @param incoming        the new side's migration address, e.g. {@code tcp:127.0.0.1:9798}
 * @param export          the new side's drive the survivor writes to ({@code parent0} in QEMU's guide)
 * @param compareInPort   the survivor's colo-compare primary_in loop ({@code compare0}/{@code compare0-0})
 * @param compareOutPort  the survivor's colo-compare output loop ({@code compare_out}/{@code compare_out0})
 * @param survivorHost    the host the survivor's proxy sockets listen on
 * @param checkpointDelay the pair's {@code x-checkpoint-delay}
 */
public record ReprotectOptions(String nbdHost, int nbdPort, String incoming, String export, String survivorHost,
                               int compareInPort, int compareOutPort, Duration checkpointDelay) {
    public static final String GUIDE_EXPORT = "parent0";
    public static final String MIRROR_JOB = "resync";
}
