package org.coloconsole.app.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profiles file holding junk is refused with a sentence (never a NullPointerException) and left as it is. */
class JunkProfilesTest {
    @TempDir
    Path dir;

    @Test
    void junkIsRefusedWithASentenceAndLeftUntouched() throws IOException {
        for (String junk : new String[] {"null", "[null]", "{\"version\": 1, \"profiles\": [null]}",
                "{\"version\": 1, \"profiles\": [{\"name\": null}]}", "42", "\"profiles\"", "[]",
                "{\"version\": 1, \"profiles\": [{\"name\": \"a\", \"primary\": null, \"secondary\": \"unix:/s\"}]}"}) {
            Path file = dir.resolve("profiles.json");
            Files.writeString(file, junk, StandardCharsets.UTF_8);
            ProfileStore store = new ProfileStore(file);
            assertThatThrownBy(store::list).as(junk).isInstanceOf(IOException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("left untouched");
            assertThatThrownBy(() -> store.delete("a")).as(junk).isInstanceOf(IOException.class);
            assertThat(Files.readString(file)).isEqualTo(junk);
        }
    }
}
