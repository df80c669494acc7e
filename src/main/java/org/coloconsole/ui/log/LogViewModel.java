package org.coloconsole.ui.log;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.coloconsole.engine.LogEntry;

/**
 * The live log of both sides: keeps the newest rows (bounded), filters them by side, event name and free text, shows
 * the selected row's raw JSON, and exports what is shown. Used on the FX thread only; rows arrive in batches.
 */
public final class LogViewModel {
    /** What the table keeps; the journal keeps everything. */
    public static final int DEFAULT_CAPACITY = 100_000;
    /** The event filter's value for "no filter". */
    public static final String ALL_EVENTS = "All events";

    private final int capacity;
    // a ring, not an array list: once full, an append moves nothing and, between its two changes (the oldest rows
    // removed, the new ones added, see RingList), keeps the row count the table sees
    private final RingList<LogEntry> rows;
    private final ObservableList<LogEntry> readOnlyRows;
    private final FilteredList<LogEntry> visible;
    private final ObservableList<String> eventNames = FXCollections.observableArrayList(ALL_EVENTS);
    private final TreeSet<String> knownNames = new TreeSet<>();
    private final ObjectProperty<SideFilter> sideFilter = new SimpleObjectProperty<>(SideFilter.ALL);
    private final StringProperty eventFilter = new SimpleStringProperty(ALL_EVENTS);
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final ObjectProperty<LogEntry> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final BooleanProperty followTail = new SimpleBooleanProperty(true);
    /** The zone the times are shown and exported in (View ▸ Times in UTC / in local time). */
    private final ObjectProperty<ZoneId> zone = new SimpleObjectProperty<>(ZoneOffset.UTC);
    private long dropped;

    public LogViewModel() {
        this(DEFAULT_CAPACITY);
    }

    public LogViewModel(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the log must keep at least one row, not " + capacity);
        }
        this.capacity = capacity;
        this.rows = new RingList<>(capacity);
        this.readOnlyRows = FXCollections.unmodifiableObservableList(rows);
        this.visible = new FilteredList<>(rows, row -> true);
        sideFilter.addListener((obs, old, now) -> refilter());
        eventFilter.addListener((obs, old, now) -> refilter());
        textFilter.addListener((obs, old, now) -> refilter());
        selected.addListener((obs, old, now) -> details.set(now == null ? "" : LogFormat.details(now)));
    }

    /** Adds a batch of rows at the bottom, dropping the oldest beyond the capacity. */
    public void append(List<LogEntry> batch) {
        List<LogEntry> kept = batch.size() > capacity ? batch.subList(batch.size() - capacity, batch.size()) : batch;
        for (LogEntry row : kept) {
            if (knownNames.add(row.name())) {
                // insert in place: replacing the list would clear the filter box's selection
                eventNames.add(1 + knownNames.headSet(row.name()).size(), row.name());
            }
        }
        dropped += rows.appendDroppingOldest(batch);
    }

    private void refilter() {
        visible.setPredicate(currentFilter());
    }

    private Predicate<LogEntry> currentFilter() {
        SideFilter side = Objects.requireNonNullElse(sideFilter.get(), SideFilter.ALL);
        String event = eventFilter.get();
        boolean anyEvent = event == null || event.isBlank() || ALL_EVENTS.equals(event);
        String text = Objects.requireNonNullElse(textFilter.get(), "").strip().toLowerCase(Locale.ROOT);
        return row -> side.accepts(row.side())
                && (anyEvent || row.name().equalsIgnoreCase(event))
                && (text.isEmpty() || matchesText(row, text));
    }

    private static boolean matchesText(LogEntry row, String lowerText) {
        return row.summary().toLowerCase(Locale.ROOT).contains(lowerText)
                || row.name().toLowerCase(Locale.ROOT).contains(lowerText)
                || row.rawJson().toLowerCase(Locale.ROOT).contains(lowerText);
    }

    /** Writes the rows now shown (after the filters) to {@code file}. */
    public int export(Path file, LogExporter.Format format) throws IOException {
        List<LogEntry> shown = List.copyOf(visible);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            exporter().write(shown, format, out);
        }
        return shown.size();
    }

    /** Writes the rows now shown to a writer (the caller closes it). */
    public int export(Writer out, LogExporter.Format format) throws IOException {
        List<LogEntry> shown = List.copyOf(visible);
        exporter().write(shown, format, out);
        return shown.size();
    }

    /** Writes rows with their times in the zone shown now. */
    public LogExporter exporter() {
        return new LogExporter(zone.get());
    }

    /** The zone of the times on screen and in exports; never null. */
    public ObjectProperty<ZoneId> zoneProperty() {
        return zone;
    }

    /** All rows kept, oldest first. */
    public ObservableList<LogEntry> rows() {
        return readOnlyRows;
    }

    /** The rows that pass the filters, oldest first: what the table shows. */
    public ObservableList<LogEntry> visibleRows() {
        return visible;
    }

    /** "All events" followed by every event name seen so far, sorted. */
    public ObservableList<String> eventNames() {
        return FXCollections.unmodifiableObservableList(eventNames);
    }

    /** How many rows fell off the top because of the bound. */
    public long droppedRows() {
        return dropped;
    }

    public int capacity() {
        return capacity;
    }

    public ObjectProperty<SideFilter> sideFilterProperty() {
        return sideFilter;
    }

    public StringProperty eventFilterProperty() {
        return eventFilter;
    }

    public StringProperty textFilterProperty() {
        return textFilter;
    }

    public ObjectProperty<LogEntry> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** True while the table keeps the newest row in view; scrolling up clears it. */
    public BooleanProperty followTailProperty() {
        return followTail;
    }
}
