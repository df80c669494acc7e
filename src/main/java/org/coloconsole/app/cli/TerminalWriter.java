package org.coloconsole.app.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import org.coloconsole.colo.PrintableText;

/**
 * The CLI's stdout and stderr: where text leaves for a terminal, so every QEMU string is made printable here, once
 * ({@link PrintableText}). A {@code println} and each {@code printf} argument is one line: a newline in it is escaped
 * too. {@code print} keeps newlines (picocli prints its multi-line help that way) but escapes the rest.
 */
final class TerminalWriter extends PrintWriter {

    TerminalWriter(Writer out) {
        super(out, true);
    }

    @Override
    public void println(String x) {
        super.println(PrintableText.escape(x));
    }

    @Override
    public void println(Object x) {
        println(String.valueOf(x));
    }

    @Override
    public void print(String s) {
        super.print(PrintableText.escapeKeepingNewlines(s));
    }

    @Override
    public void print(Object obj) {
        print(String.valueOf(obj));
    }

    @Override
    public PrintWriter format(String format, Object... args) {
        return super.format(format, escaped(args));
    }

    @Override
    public PrintWriter format(Locale l, String format, Object... args) {
        return super.format(l, format, escaped(args));
    }

    private static Object[] escaped(Object[] args) {
        if (args == null) {
            return null;
        }
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof CharSequence || out[i] instanceof Enum<?>) {
                out[i] = PrintableText.escape(out[i].toString());
            }
        }
        return out;
    }
}
