package org.coloconsole.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds a last line that a crash left incomplete (no newline) or unreadable (not a JSON object) and moves its bytes
 * to a 0600 side file before the journal appends again. The side file is written and forced before the journal is
 * truncated, so a crash during the repair duplicates the tail rather than losing it.
 */
final class TornTailRecovery {
    private static final int CHUNK = 64 * 1024;

    /** What was set aside: where, and how many bytes; empty path when the tail was fine. */
    record Result(Optional<Path> tornFile, long tornBytes, long keptBytes) {
    }

    private final JsonFactory factory;

    TornTailRecovery(JsonFactory factory) {
        this.factory = factory;
    }

    Result repair(Path journal, Instant now) throws IOException {
        try (FileChannel file = FileChannel.open(journal, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = file.size();
            if (size == 0) {
                return new Result(Optional.empty(), 0, 0);
            }
            long goodEnd = goodEnd(file, size);
            if (goodEnd == size) {
                return new Result(Optional.empty(), 0, size);
            }
            Path torn = JournalFiles.tornName(journal.getParent(), now);
            try (FileChannel aside = JournalFiles.createPrivate(torn)) {
                long copied = 0;
                while (copied < size - goodEnd) {
                    copied += file.transferTo(goodEnd + copied, size - goodEnd - copied, aside);
                }
                aside.force(true);
            }
            JournalFiles.forceDirectory(journal.getParent());
            file.truncate(goodEnd);
            file.force(true);
            return new Result(Optional.of(torn), size - goodEnd, goodEnd);
        }
    }

    /** The end of the last complete, readable line. */
    private long goodEnd(FileChannel file, long size) throws IOException {
        long lastNewline = lastNewlineBefore(file, size);
        if (lastNewline != size - 1) {
            return lastNewline + 1; // bytes after the last newline never got theirs: torn
        }
        long lineStart = lastNewlineBefore(file, size - 1) + 1;
        return isJsonObject(file, lineStart, size - 1) ? size : lineStart;
    }

    /** Position of the last '\n' before {@code end}, or -1. */
    private static long lastNewlineBefore(FileChannel file, long end) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        long position = end;
        while (position > 0) {
            int length = (int) Math.min(CHUNK, position);
            position -= length;
            chunk.clear().limit(length);
            readFully(file, chunk, position);
            for (int i = length - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return position + i;
                }
            }
        }
        return -1;
    }

    private boolean isJsonObject(FileChannel file, long start, long end) throws IOException {
        long length = end - start;
        if (length <= 0 || length > Integer.MAX_VALUE - 8) {
            return false;
        }
        ByteBuffer line = ByteBuffer.allocate((int) length);
        readFully(file, line, start);
        try (JsonParser parser = factory.createParser(line.array(), 0, (int) length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static void readFully(FileChannel file, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = file.read(into, position + into.position());
            if (n < 0) {
                throw new IOException("the journal shrank while it was being checked");
            }
        }
    }
}
