package org.coloconsole.colo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who holds a pair's claim: the console process that may promote a side now. The claim lives inside each QEMU as an
 * object with a fixed id whose readable text names the holder (docs/colo-behaviour.md, "The claim"); this is that
 * text, typed.
 *
 * @param host  the holder's host name
 * @param user  the holder's user
 * @param pid   the holder's process id on its host, or -1 when the text did not say
 * @param since when the claim was taken, as a wall-clock label only (never used to judge a duration)
 * @param nonce random per process: tells a reused pid from the process that took the claim
 */
public record Claim(String host, String user, long pid, String since, String nonce) {
    /** What every claim's text starts with: anything else under the claim's id was not written by a console. */
    public static final String PREFIX = "colo-console";
    /** The id of the claim's object in every QEMU: adding a second object with it fails, which makes it a lock. */
    public static final String OBJECT_ID = "colo-console-claim";
    /** The name under which a side's claim is reported as polled (a {@code qom-get} of the object's identity). */
    public static final String POLL = "qom-get " + OBJECT_ID;
    private static final String UNKNOWN = "?";

    public Claim {
        host = clean(host);
        user = clean(user);
        since = clean(since);
        nonce = clean(nonce);
    }

    /** The text stored in QEMU: {@code colo-console host=H user=U pid=P since=S nonce=N}. */
    public String text() {
        return PREFIX + " host=" + host + " user=" + user + " pid=" + pid + " since=" + since + " nonce=" + nonce;
    }

    /**
     * Reads a claim's text. A text that is not a console's (another tool's object under the same id) still holds the
     * claim: it becomes a holder whose fields are unknown, so it is never taken over without the operator's word.
     */
    public static Claim parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        String[] words = text == null ? new String[0] : text.strip().split("\\s+");
        boolean ours = words.length > 0 && words[0].equals(PREFIX);
        for (int i = 1; ours && i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq > 0) {
                fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
        }
        long pid;
        try {
            pid = Long.parseLong(fields.getOrDefault("pid", "-1"));
        } catch (NumberFormatException e) {
            pid = -1;
        }
        return new Claim(fields.getOrDefault("host", UNKNOWN), fields.getOrDefault("user", UNKNOWN), pid,
                fields.getOrDefault("since", UNKNOWN), fields.getOrDefault("nonce", UNKNOWN));
    }

    /** The same console process: same host, pid and nonce. */
    public boolean sameHolder(Claim other) {
        return other != null && host.equals(other.host) && pid == other.pid && nonce.equals(other.nonce)
                && !nonce.equals(UNKNOWN);
    }

    /** Whether the holder says which process it is on which host (else only the operator can clear it). */
    public boolean identified() {
        return pid > 0 && !host.equals(UNKNOWN);
    }

    /** The holder in words, for refusals and the card: "console pid 42 of alice on host-a (since 13:40:01Z)". */
    public String holder() {
        if (!identified()) {
            return "an unidentified holder";
        }
        return "console pid " + pid + " of " + user + " on " + host + " (since " + since + ")";
    }

    /** Spaces and '=' would break the text's words; control characters never reach QEMU or a terminal. */
    private static String clean(String value) {
        Objects.requireNonNull(value, "claim field");
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(c -> out.appendCodePoint(Character.isWhitespace(c) || Character.isISOControl(c)
                || c == '=' ? '_' : c));
        return out.length() == 0 ? UNKNOWN : out.toString();
    }
}
