package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
