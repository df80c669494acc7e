package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help ▸ Operator guide looks where the .deb installs the guide, then in the checkout. */
class OperatorGuideTest {
    @Test
    void theInstalledPathIsWhereTheDebPutsTheGuide() throws Exception {
        String script = Files.readString(Path.of("packaging/build-installer.sh"));
        assertThat(script).contains("name=colo-console")
                .contains("local doc=\"$root/usr/share/doc/$name\"")
                .containsPattern("for guide in [^\\n]*operator-guide\\.md")
                .contains("install -m 0644 \"$repo_root/docs/$guide\" \"$doc/$guide\"");
        assertThat(OperatorGuide.INSTALLED).isEqualTo(Path.of("/usr/share/doc/colo-console/operator-guide.md"));
        // what the .deb copies is there to copy, and the guide's links to its neighbours are shipped beside it
        for (String neighbour : List.of("operator-guide.md", "qemu-setup.md", "troubleshooting.md", "colo-behaviour.md")) {
            assertThat(Path.of("docs", neighbour)).isRegularFile();
            assertThat(script).containsPattern("for guide in [^\\n]*" + neighbour.replace(".", "\\."));
        }
    }

    @Test
    void theFirstGuideThatExistsIsOpenedAndACheckoutFindsItsOwn(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("usr/share/doc/colo-console/operator-guide.md");
        Path checkout = Files.createDirectories(dir.resolve("docs")).resolve("operator-guide.md");
        Files.writeString(checkout, "# guide\n");
        assertThat(new OperatorGuide(List.of(missing, checkout)).find()).contains(checkout);
        assertThat(new OperatorGuide(List.of(missing)).find()).isEmpty();
        // run from this repository (as mvn runs the tests), the standard lookup finds docs/operator-guide.md
        assertThat(OperatorGuide.standard().find()).isPresent();
    }

    private static Path script(Path dir, String body) throws Exception {
        Path script = dir.resolve("opener");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void aViewerThatStaysInTheForegroundHoldsNoThread(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("pid");
        Path opener = script(dir, "echo $$ > '" + pid + "'; exec sleep 600");

        CompletableFuture<Optional<String>> opened = OperatorGuide.openWith(opener.toString(), dir.resolve("g.md"));
        try {
            assertThat(opened).as("the caller is not held while the viewer runs").isNotDone();
        } finally {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(pid) && !Files.readString(pid).isBlank());
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void anOpenerThatFailsOrIsMissingIsASentence(@TempDir Path dir) throws Exception {
        Path opener = script(dir, "exit 3");
        assertThat(OperatorGuide.openWith(opener.toString(), dir.resolve("g.md")).get(20, TimeUnit.SECONDS))
                .contains("xdg-open found no application for it (exit 3)");
        assertThat(OperatorGuide.openWith(dir.resolve("none").toString(), dir.resolve("g.md")).get())
                .contains("xdg-open is not installed (Debian: xdg-utils)");
    }
}
