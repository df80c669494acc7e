package org.coloconsole.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What opening the journal found and repaired.
 *
 * @param directory   the journal directory
 * @param current     the file new lines go to
 * @param tornFile    where a torn last line was moved (only when there was one)
 * @param tornBytes   how many bytes were moved there
 * @param keptBytes   size of the current file after repair: every complete line is still there
 * @param warnings    plain sentences for the operator (a torn line, permissions tightened); empty when all was well
 */
public record JournalOpenReport(Path directory, Path current, Optional<Path> tornFile, long tornBytes, long keptBytes,
                                List<String> warnings) {
    public JournalOpenReport {
        warnings = List.copyOf(warnings);
    }

    public boolean hadTornLine() {
        return tornFile.isPresent();
    }
}
