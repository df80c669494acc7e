package org.coloconsole.ui.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coloconsole.engine.LogEntry;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogViewModelTest {

    private final LogViewModel log = new LogViewModel();

    private void fill() {
        log.append(List.of(
                Rows.resume(1, "primary"),
                Rows.resume(2, "secondary"),
                Rows.coloExit(3, "secondary", "error"),
                Rows.gap(4, "primary"),
                Rows.console(5, "Failover to secondary requested by the operator")));
    }

    @Test
    void rowsAppearInArrivalOrderAndAllPassWithoutFilters() {
        fill();
        assertThat(log.visibleRows()).extracting(LogEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void theSideFilterNarrowsToOneSideOrTheConsolesOwnRows() {
        fill();
        log.sideFilterProperty().set(SideFilter.SECONDARY);
        assertThat(log.visibleRows()).extracting(LogEntry::sequence).containsExactly(2L, 3L);
        log.sideFilterProperty().set(SideFilter.CONSOLE);
        assertThat(log.visibleRows()).extracting(LogEntry::sequence).containsExactly(5L);
        log.sideFilterProperty().set(SideFilter.ALL);
        assertThat(log.visibleRows()).hasSize(5);
    }

    @Test
    void theEventFilterKeepsOneEventNameAndListsTheNamesSeen() {
        fill();
        assertThat(log.eventNames()).containsExactly(LogViewModel.ALL_EVENTS, "ACTION", "COLO_EXIT", "GAP", "RESUME");
        log.eventFilterProperty().set("RESUME");
        assertThat(log.visibleRows()).extracting(LogEntry::sequence).containsExactly(1L, 2L);
        log.eventFilterProperty().set(LogViewModel.ALL_EVENTS);
        assertThat(log.visibleRows()).hasSize(5);
    }

    @Test
    void freeTextMatchesSummaryAndRawJsonIgnoringCase() {
        fill();
        log.textFilterProperty().set("  Secondary/ERROR ");
        assertThat(log.visibleRows()).extracting(LogEntry::sequence).containsExactly(3L);
        log.textFilterProperty().set("\"reason\": \"error\"");
        assertThat(log.visibleRows()).extracting(LogEntry::sequence).containsExactly(3L);
    }

    @Test
    void filtersCombineAndApplyToRowsArrivingLater() {
        fill();
        log.sideFilterProperty().set(SideFilter.PRIMARY);
        log.eventFilterProperty().set("COLO_EXIT");
        assertThat(log.visibleRows()).isEmpty();
        log.append(List.of(Rows.coloExit(6, "primary", "request"), Rows.coloExit(7, "secondary", "request")));
        assertThat(log.visibleRows()).extracting(LogEntry::sequence).containsExactly(6L);
    }

    @Test
    void keepsOnlyTheNewestRowsUpToTheBound() {
        LogViewModel small = new LogViewModel(100);
        List<LogEntry> batch = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            batch.add(Rows.resume(i, i % 2 == 0 ? "primary" : "secondary"));
            if (batch.size() == 30) {
                small.append(batch);
                batch = new ArrayList<>();
            }
        }
        small.append(batch);

        assertThat(small.rows()).hasSize(100);
        assertThat(small.rows().get(0).sequence()).isEqualTo(151);
        assertThat(small.rows().get(99).sequence()).isEqualTo(250);
        assertThat(small.droppedRows()).isEqualTo(150);
    }

    @Test
    void aBatchLargerThanTheBoundKeepsItsNewestRows() {
        LogViewModel small = new LogViewModel(10);
        small.append(List.of(Rows.resume(1, "primary")));
        List<LogEntry> flood = new ArrayList<>();
        for (int i = 2; i <= 50; i++) {
            flood.add(Rows.resume(i, "primary"));
        }
        small.append(flood);
        assertThat(small.rows()).extracting(LogEntry::sequence).containsExactly(41L, 42L, 43L, 44L, 45L, 46L, 47L,
                48L, 49L, 50L);
    }

    @Test
    void theDefaultBoundIsAHundredThousandRows() {
        assertThat(log.capacity()).isEqualTo(100_000);
        assertThatThrownBy(() -> new LogViewModel(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detailsShowTheSelectedEventPrettyPrintedOrTheSummaryForConsoleRows() {
        fill();
        log.selectedProperty().set(log.visibleRows().get(2));
        assertThat(log.detailsProperty().get()).contains("\"reason\" : \"error\"").contains("\n");
        log.selectedProperty().set(log.visibleRows().get(4));
        assertThat(log.detailsProperty().get()).isEqualTo("Failover to secondary requested by the operator");
        log.selectedProperty().set(null);
        assertThat(log.detailsProperty().get()).isEmpty();
    }

    @Test
    void jsonLinesExportWritesExactlyTheFilteredRowsWithTheRawEventNested() throws IOException {
        fill();
        log.sideFilterProperty().set(SideFilter.SECONDARY);
        StringWriter out = new StringWriter();

        int written = log.export(out, LogExporter.Format.JSON_LINES);

        List<String> lines = out.toString().lines().toList();
        assertThat(written).isEqualTo(2);
        assertThat(lines).hasSize(2);
        QmpValue second = QmpValue.parse(lines.get(1));
        assertThat(second.integer("sequence")).hasValue(3);
        assertThat(second.string("side")).hasValue("secondary");
        assertThat(second.string("severity")).hasValue("CRITICAL");
        assertThat(second.get("raw").get("data").string("reason")).hasValue("error");
    }

    @Test
    void csvExportQuotesFieldsThatNeedItAndHasAHeader(@TempDir Path dir) throws IOException {
        log.append(List.of(Rows.console(1, "Operator said \"go\", then waited"), Rows.resume(2, "primary")));
        log.sideFilterProperty().set(SideFilter.CONSOLE);
        Path file = dir.resolve("log.csv");

        int written = log.export(file, LogExporter.Format.CSV);

        List<String> lines = Files.readAllLines(file);
        assertThat(written).isEqualTo(1);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(LogExporter.CSV_HEADER);
        assertThat(lines.get(1)).startsWith("1,,2026-11-25T21:00:00.001Z,console,ACTION,WARNING,")
                .endsWith(",\"Operator said \"\"go\"\", then waited\"");
    }
}
