package org.coloconsole.qmp;

import java.util.function.Function;

/**
 * What would let a refused connection through, in the neutral words this layer's sentences end with ("…, or allow
 * insecure plain TCP."). This layer does not know whether a person reads the sentence on a command line or in a window,
 * so it names no flag and no field: each caller adds its own way to do it with {@link #hinted}.
 */
public enum SecurityRemedy {
    /** Plain TCP to a non-loopback address was refused. */
    ALLOW_INSECURE("allow insecure plain TCP"),
    /** A {@code tls:} endpoint without a CA, or a server certificate the CA did not sign. */
    GIVE_CA("give the CA file that signed QEMU's server certificate"),
    /** QEMU runs with {@code verify-peer=on} and no client certificate was given. */
    GIVE_CLIENT_CERTIFICATE("give a client certificate and its key, signed by a CA QEMU trusts");

    private final String phrase;

    SecurityRemedy(String phrase) {
        this.phrase = phrase;
    }

    /** The words as the sentences carry them. */
    public String phrase() {
        return phrase;
    }

    /**
     * {@code text} with the caller's way to do each remedy it mentions in brackets after the phrase: "…, or allow
     * insecure plain TCP (--allow-insecure).". Works on a sentence quoted inside a longer text too (a recommendation
     * quotes why a side is down). A phrase already followed by a bracket is left alone, so hinting twice adds nothing;
     * so is a remedy for which {@code hint} returns an empty string.
     */
    public static String hinted(String text, Function<SecurityRemedy, String> hint) {
        String result = text;
        for (SecurityRemedy remedy : values()) {
            String words = hint.apply(remedy);
            if (words == null || words.isEmpty()) {
                continue;
            }
            StringBuilder out = new StringBuilder();
            int from = 0;
            for (int at = result.indexOf(remedy.phrase); at >= 0; at = result.indexOf(remedy.phrase, from)) {
                int end = at + remedy.phrase.length();
                out.append(result, from, end);
                if (!result.startsWith(" (", end)) {
                    out.append(" (").append(words).append(')');
                }
                from = end;
            }
            out.append(result.substring(from));
            result = out.toString();
        }
        return result;
    }
}
