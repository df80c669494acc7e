package org.coloconsole.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams journal records back, oldest first. Tolerant: a torn last line (no newline) is skipped and reported by
 * {@link #tornTail()}, a line that is not a journal record is skipped and counted, so history stays readable after a
 * crash. Numbers come back as Integer, Long, BigInteger or Double, whichever fits; objects as ordered Maps; arrays as
 * Lists; {@code rawJson} as the exact bytes of the embedded value. A kind this version does not know is read as
 * {@link JournalRecord.Kind#UNKNOWN} with its name in the field {@code unknownKind}.
 */
public final class JournalReader implements Iterator<JournalRecord>, AutoCloseable {
    private static final int MAX_PROBLEMS = 100;
    /** Far above any line the journal writes (QMP lines are bounded by the client); bounds memory on a corrupt file. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final JsonFactory factory = new JsonFactory();
    private final Deque<Path> files;
    private LineSplitter in;
    private Path file;
    private long lineNumber;
    private JournalRecord next;
    private long skippedLines;
    private boolean tornTail;
    private final List<String> problems = new ArrayList<>();
    private byte[] line;

    /** With {@link #openDirectory} on a journal that has an actions' journal: the two readers merged. */
    private final JournalReader events;
    private final JournalReader actions;
    private JournalRecord nextEvent;
    private JournalRecord nextAction;
    /**
     * Actions returned from one journal whose copy in the other has not come yet, so that each action is returned
     * once. Matched by record, not by position: a file's times can step back a little (threads stamp records before
     * the writer orders them), so the two copies need not meet at the same point of the merge. Kept for
     * {@link #COPY_WINDOW} of journal time: a copy whose twin was rotated away is not kept for ever.
     */
    private final ArrayDeque<JournalRecord> unmatchedEvents = new ArrayDeque<>();
    private final ArrayDeque<JournalRecord> unmatchedActions = new ArrayDeque<>();
    private static final Duration COPY_WINDOW = Duration.ofMinutes(10);

    private JournalReader(List<Path> files) {
        this.files = new ArrayDeque<>(files);
        this.events = null;
        this.actions = null;
    }

    private JournalReader(JournalReader events, JournalReader actions) {
        this.files = new ArrayDeque<>();
        this.events = events;
        this.actions = actions;
    }

    /** One file. */
    public static JournalReader open(Path file) {
        return new JournalReader(List.of(file));
    }

    /**
     * Every file of a journal directory: rotated files oldest first, then {@code journal.jsonl}; and, when the
     * directory has one, its operator actions' journal ({@code actions/}, which event floods cannot rotate away),
     * merged in by time, each action once although the events' files carry a copy of it while they last.
     */
    public static JournalReader openDirectory(Path directory) throws IOException {
        JournalReader events = openFiles(directory);
        Path actions = directory.resolve("actions");
        if (!Files.isDirectory(actions)) {
            return events;
        }
        return new JournalReader(events, openFiles(actions));
    }

    private static JournalReader openFiles(Path directory) throws IOException {
        List<Path> all = new ArrayList<>(JournalFiles.rotatedFiles(directory));
        Path current = directory.resolve(JournalFiles.CURRENT);
        if (Files.exists(current)) {
            all.add(current);
        }
        return new JournalReader(all);
    }

    /** The remaining records as a stream; closing the stream closes the reader. */
    public Stream<JournalRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    /** Lines skipped because they were not journal records (the torn tail not included). */
    public long skippedLines() {
        if (events != null) {
            return events.skippedLines() + actions.skippedLines();
        }
        return skippedLines;
    }

    /** Whether a file ended in a line without its newline (a crash while writing). */
    public boolean tornTail() {
        if (events != null) {
            return events.tornTail() || actions.tornTail();
        }
        return tornTail;
    }

    /** Plain sentences about skipped lines, the first hundred. */
    public List<String> problems() {
        if (events != null) {
            List<String> both = new ArrayList<>(events.problems());
            both.addAll(actions.problems());
            return Collections.unmodifiableList(both);
        }
        return Collections.unmodifiableList(problems);
    }

    @Override
    public boolean hasNext() {
        if (events != null) {
            return hasNextMerged();
        }
        try {
            while (next == null) {
                if (in == null && !openNextFile()) {
                    return false;
                }
                if (!readLine()) {
                    in.close();
                    in = null;
                    continue;
                }
                next = line == LineSplitter.OVERLONG
                        ? skip("is " + in.overlongBytes() + " bytes long, more than a journal line can be")
                        : parse(line);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the journal file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public JournalRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        JournalRecord result = next;
        next = null;
        return result;
    }

    /** The earlier of the two heads (events first at equal times), skipping an action already returned. */
    private boolean hasNextMerged() {
        while (next == null) {
            if (nextEvent == null && events.hasNext()) {
                nextEvent = events.next();
            }
            if (nextAction == null && actions.hasNext()) {
                nextAction = actions.next();
            }
            if (nextEvent == null && nextAction == null) {
                return false;
            }
            JournalRecord candidate;
            boolean fromEvents = nextAction == null
                    || (nextEvent != null && !nextEvent.at().isAfter(nextAction.at()));
            if (fromEvents) {
                candidate = nextEvent;
                nextEvent = null;
            } else {
                candidate = nextAction;
                nextAction = null;
            }
            if (candidate.kind().isAction()) {
                forgetBefore(candidate.at().minus(COPY_WINDOW));
                if ((fromEvents ? unmatchedActions : unmatchedEvents).remove(candidate)) {
                    continue; // its copy from the other journal was returned already
                }
                (fromEvents ? unmatchedEvents : unmatchedActions).add(candidate);
            }
            next = candidate;
        }
        return true;
    }

    private void forgetBefore(Instant cutoff) {
        unmatchedEvents.removeIf(r -> r.at().isBefore(cutoff));
        unmatchedActions.removeIf(r -> r.at().isBefore(cutoff));
    }

    @Override
    public void close() {
        if (events != null) {
            events.close();
            actions.close();
        }
        files.clear();
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // reading only: nothing was lost
            }
            in = null;
        }
    }

    private boolean openNextFile() throws IOException {
        if (files.isEmpty()) {
            return false;
        }
        file = files.removeFirst();
        try {
            in = new LineSplitter(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), MAX_LINE_BYTES);
        } catch (NoSuchFileException e) {
            // a live journal rotated or pruned it after the directory was listed: read what is still there
            problem(file.getFileName() + " was rotated or removed while the journal was being read; it was skipped.");
            return openNextFile();
        }
        lineNumber = 0;
        return true;
    }

    /** Reads one newline-terminated line into {@link #line}; false at the end (a torn tail is noted, not returned). */
    private boolean readLine() throws IOException {
        line = in.nextLine();
        if (line != null) {
            lineNumber++;
            return true;
        }
        if (in.tornBytes() > 0) {
            tornTail = true;
            problem(file.getFileName() + " ends in an incomplete line of " + in.tornBytes()
                    + " bytes (a crash while writing); it was skipped.");
        }
        return false;
    }

    private JournalRecord parse(byte[] bytes) throws IOException {
        try (JsonParser parser = factory.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return skip("is not a JSON object");
            }
            Instant at = null;
            JournalRecord.Kind kind = null;
            String unknownKind = null;
            String side = null;
            String raw = null;
            Map<String, Object> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isStructStart() && (name.equals("at") || name.equals("kind") || name.equals("side"))) {
                    // its members would otherwise be read as the record's own keys
                    return skip("has an object or array as its \"" + name + "\"");
                }
                switch (name) {
                    case "at":
                        at = UtcMicros.parse(parser.getText());
                        break;
                    case "kind":
                        String text = parser.getText();
                        kind = kindOf(text);
                        if (kind == JournalRecord.Kind.UNKNOWN) {
                            unknownKind = text;
                        }
                        break;
                    case "side":
                        side = value == JsonToken.VALUE_NULL ? null : parser.getText();
                        break;
                    case "raw":
                        raw = rawText(parser, bytes);
                        break;
                    default:
                        fields.put(name, plainValue(parser, value));
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return skip("has text after its JSON object");
            }
            if (at == null || kind == null) {
                return skip("has no \"at\" or no \"kind\"");
            }
            if (unknownKind != null) {
                fields.put("unknownKind", unknownKind);
            }
            return new JournalRecord(at, kind, side, fields, raw);
        } catch (IOException | DateTimeException | IllegalArgumentException e) {
            return skip("is not a valid journal record (" + e.getMessage() + ")");
        }
    }

    /** The embedded value's own bytes, so a raw event reads back exactly as it was written. */
    private static String rawText(JsonParser parser, byte[] bytes) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        int start = (int) parser.currentTokenLocation().getByteOffset();
        if (parser.currentToken().isStructStart()) {
            parser.skipChildren();
        } else {
            parser.finishToken();
        }
        int end = (int) parser.currentLocation().getByteOffset();
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    private static Object plainValue(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    map.put(key, plainValue(parser, parser.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(plainValue(parser, element));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    private static JournalRecord.Kind kindOf(String wireName) {
        for (JournalRecord.Kind kind : JournalRecord.Kind.values()) {
            if (kind.wireName().equals(wireName)) {
                return kind;
            }
        }
        return JournalRecord.Kind.UNKNOWN;
    }

    private JournalRecord skip(String why) {
        skippedLines++;
        problem(file.getFileName() + " line " + lineNumber + " " + why + "; it was skipped.");
        return null;
    }

    private void problem(String sentence) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(sentence);
        }
    }
}
