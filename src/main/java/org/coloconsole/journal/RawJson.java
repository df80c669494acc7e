package org.coloconsole.journal;

/**
 * Decides whether an event's raw text can be embedded in a journal line as it is. A hand-written check of the JSON
 * grammar (RFC 8259) in one pass without allocating: building a Jackson parser per event cost twice as much as writing
 * the whole line, and the journal must keep up with an event storm.
 */
final class RawJson {
    /** How raw text fits into one journal line. */
    enum Shape {
        /** One JSON value without line breaks: embed it as it is. */
        ONE_LINE,
        /** One JSON value with CR or LF between its tokens: embed it with those turned into spaces. */
        LINE_BREAKS,
        /** Not exactly one JSON value: the journal keeps it as a JSON string instead. */
        NOT_JSON
    }

    /** Deeper nesting than this is kept as a string rather than checked by deeper recursion. */
    private static final int MAX_DEPTH = 128;

    private final String text;
    private boolean lineBreaks;

    private RawJson(String text) {
        this.text = text;
    }

    static Shape check(String text) {
        RawJson check = new RawJson(text);
        int end = check.value(check.whitespace(0), 0);
        if (end < 0 || check.whitespace(end) != text.length()) {
            return Shape.NOT_JSON;
        }
        return check.lineBreaks ? Shape.LINE_BREAKS : Shape.ONE_LINE;
    }

    private int whitespace(int at) {
        int i = at;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lineBreaks = true;
            } else if (c != ' ' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The position after the value starting at {@code at}, or -1. */
    private int value(int at, int depth) {
        if (at >= text.length() || depth > MAX_DEPTH) {
            return -1;
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object(at + 1, depth);
            case '[':
                return array(at + 1, depth);
            case '"':
                return string(at + 1);
            case 't':
                return literal(at, "true");
            case 'f':
                return literal(at, "false");
            case 'n':
                return literal(at, "null");
            default:
                return c == '-' || (c >= '0' && c <= '9') ? number(at) : -1;
        }
    }

    private int object(int at, int depth) {
        int i = whitespace(at);
        if (i < text.length() && text.charAt(i) == '}') {
            return i + 1;
        }
        while (true) {
            if (i >= text.length() || text.charAt(i) != '"') {
                return -1;
            }
            i = string(i + 1);
            if (i < 0) {
                return -1;
            }
            i = whitespace(i);
            if (i >= text.length() || text.charAt(i) != ':') {
                return -1;
            }
            i = value(whitespace(i + 1), depth + 1);
            if (i < 0) {
                return -1;
            }
            i = whitespace(i);
            if (i >= text.length()) {
                return -1;
            }
            char c = text.charAt(i);
            if (c == '}') {
                return i + 1;
            }
            if (c != ',') {
                return -1;
            }
            i = whitespace(i + 1);
        }
    }

    private int array(int at, int depth) {
        int i = whitespace(at);
        if (i < text.length() && text.charAt(i) == ']') {
            return i + 1;
        }
        while (true) {
            i = value(i, depth + 1);
            if (i < 0) {
                return -1;
            }
            i = whitespace(i);
            if (i >= text.length()) {
                return -1;
            }
            char c = text.charAt(i);
            if (c == ']') {
                return i + 1;
            }
            if (c != ',') {
                return -1;
            }
            i = whitespace(i + 1);
        }
    }

    /** After the opening quote; a control character, a bad escape or a lone surrogate makes it not JSON we embed. */
    private int string(int at) {
        int i = at;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c < 0x20) {
                return -1;
            }
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    return -1;
                }
                char escaped = text.charAt(i + 1);
                if (escaped == 'u') {
                    if (i + 6 > text.length() || !hex4(i + 2)) {
                        return -1;
                    }
                    i += 6;
                } else if ("\"\\/bfnrt".indexOf(escaped) >= 0) {
                    i += 2;
                } else {
                    return -1;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return -1;
                }
                i += 2;
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                i++;
            }
        }
        return -1;
    }

    private boolean hex4(int at) {
        for (int i = at; i < at + 4; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private int literal(int at, String word) {
        return text.startsWith(word, at) ? at + word.length() : -1;
    }

    private int number(int at) {
        int i = at;
        if (text.charAt(i) == '-') {
            i++;
        }
        if (i >= text.length()) {
            return -1;
        }
        if (text.charAt(i) == '0') {
            i++;
        } else {
            int digitsEnd = digits(i);
            if (digitsEnd == i) {
                return -1;
            }
            i = digitsEnd;
        }
        if (i < text.length() && text.charAt(i) == '.') {
            int digitsEnd = digits(i + 1);
            if (digitsEnd == i + 1) {
                return -1;
            }
            i = digitsEnd;
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int digitsEnd = digits(i);
            if (digitsEnd == i) {
                return -1;
            }
            i = digitsEnd;
        }
        return i;
    }

    private int digits(int at) {
        int i = at;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
