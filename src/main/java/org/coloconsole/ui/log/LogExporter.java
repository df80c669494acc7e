package org.coloconsole.ui.log;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.qmp.QmpValue;

/** Writes log rows as JSON Lines (one object per row, the QEMU event nested as JSON) or as CSV (RFC 4180). */
public final class LogExporter {

    /** The file formats offered to the operator. */
    public enum Format {
        JSON_LINES("JSON Lines", "*.jsonl"),
        CSV("CSV", "*.csv");

        private final String label;
        private final String glob;

        Format(String label, String glob) {
            this.label = label;
            this.glob = glob;
        }

        public String label() {
            return label;
        }

        public String glob() {
            return glob;
        }
    }

    static final String CSV_HEADER = "sequence,qemu_time,received_time,side,event,severity,summary";

    /** The times' zone: each is written as an ISO 8601 time with its offset, so the file stays exact in either. */
    private final ZoneId zone;

    /** Times in UTC. */
    public LogExporter() {
        this(ZoneOffset.UTC);
    }

    public LogExporter(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public void write(List<LogEntry> rows, Format format, Writer out) throws IOException {
        switch (format) {
            case JSON_LINES -> writeJsonLines(rows, out);
            case CSV -> writeCsv(rows, out);
            default -> throw new IllegalArgumentException("unknown export format " + format);
        }
        out.flush();
    }

    private void writeJsonLines(List<LogEntry> rows, Writer out) throws IOException {
        for (LogEntry row : rows) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sequence", row.sequence());
            line.put("side", row.side().orElse(null));
            line.put("received", iso(row.receivedAt()));
            line.put("qemu_time", row.qemuTime().map(this::iso).orElse(null));
            line.put("event", row.name());
            line.put("severity", row.severity().name());
            line.put("summary", row.summary());
            LogFormat.rawAsPlain(row).ifPresent(raw -> line.put("raw", raw));
            out.write(QmpValue.of(line).toJson());
            out.write('\n');
        }
    }

    /** Rows as an operator pastes them into a ticket: one line each, tab-separated, the QEMU time first. */
    public static String asText(List<LogEntry> rows, LogFormat format) {
        StringBuilder text = new StringBuilder();
        for (LogEntry row : rows) {
            text.append(format.qemuTime(row)).append('\t').append(format.receivedTime(row)).append('\t')
                    .append(LogFormat.side(row)).append('\t').append(row.name()).append('\t')
                    .append(row.summary()).append('\n');
        }
        return text.toString();
    }

    /** Rows as JSON Lines, the same fields as the JSON Lines export. */
    public String asJsonLines(List<LogEntry> rows) {
        StringWriter out = new StringWriter();
        try {
            writeJsonLines(rows, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private void writeCsv(List<LogEntry> rows, Writer out) throws IOException {
        out.write(CSV_HEADER);
        out.write("\r\n");
        for (LogEntry row : rows) {
            out.write(Long.toString(row.sequence()));
            out.write(',');
            out.write(row.qemuTime().map(this::iso).orElse(""));
            out.write(',');
            out.write(iso(row.receivedAt()));
            out.write(',');
            out.write(csv(row.side().orElse("console")));
            out.write(',');
            out.write(csv(row.name()));
            out.write(',');
            out.write(row.severity().name());
            out.write(',');
            out.write(csv(row.summary()));
            out.write("\r\n");
        }
    }

    private String iso(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    static String csv(String field) {
        boolean quote = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        return quote ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
