package org.coloconsole.colo;

/**
 * Text from QEMU made safe to show: control characters (C0, DEL, C1, and the Unicode line separators and bidi
 * overrides) become visible escapes such as {@code \n} or {@code \x1b}. A QEMU string (a COLO_EXIT reason, an error's
 * description) may hold a newline or an escape sequence: printed as is, it can forge a line ("Protected") or set
 * the terminal's title. The CLI's writers and the log rows pass everything through here.
 */
public final class PrintableText {
    private PrintableText() {
    }

    /** {@code text} on one line, every control character escaped (the backslash itself is kept as it is). */
    public static String escape(String text) {
        return escape(text, false);
    }

    /** As {@link #escape(String)}, but newlines kept: for multi-line text the console wrote itself (help). */
    public static String escapeKeepingNewlines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepNewlines) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i), keepNewlines)) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c, keepNewlines)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x100) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(char c, boolean keepNewlines) {
        if (c == '\n') {
            return !keepNewlines;
        }
        if (c == '\t') {
            return false;
        }
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
