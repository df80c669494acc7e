package org.coloconsole.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal follows no symlink and refuses a directory someone else controls, as OpenSSH does for ~/.ssh. */
class JournalDirectoryTrustTest {
    @TempDir
    Path home;

    @Test
    void aSymlinkPlantedAsTheJournalFileIsNotFollowed() throws Exception {
        Path dir = home.resolve("journal");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path target = home.resolve("elsewhere.txt");
        Files.writeString(target, "precious\n");
        Files.createSymbolicLink(dir.resolve("journal.jsonl"), target);
        assertThatThrownBy(() -> new Journal(dir, JournalOptions.defaults()).close())
                .isInstanceOf(JournalException.class).hasMessageContaining("symbolic link");
        assertThat(Files.readString(target)).isEqualTo("precious\n");
    }

    @Test
    void aDirectoryOthersMayWriteIsRefusedWithASentence() throws Exception {
        Path dir = home.resolve("journal");
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> new Journal(dir, JournalOptions.defaults()).close())
                .isInstanceOf(JournalException.class).hasMessageContaining("writable by everyone")
                .hasMessageContaining("chmod 700");
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void aDirectoryOwnedByAnotherUserIsRefused() throws Exception {
        Path dir = home.resolve("journal");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        UserPrincipal nobody;
        try {
            nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(dir, nobody);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("cannot give a directory away here (not root): " + e.getMessage());
            return;
        }
        assertThatThrownBy(() -> new Journal(dir, JournalOptions.defaults()).close())
                .isInstanceOf(JournalException.class).hasMessageContaining("belongs to nobody");
    }
}
