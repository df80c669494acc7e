import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coloconsole.app.cli.Cli;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the man pages (AsciiDoc, one per command; asciidoctor turns them into troff) and the bash completion script
 * from the same picocli model the program parses with, so they cannot drift from the options.
 *
 * <pre>java -cp CLASSES:PICOCLI_JAR:PICOCLI_CODEGEN_JAR packaging/linux/GenerateDocs.java ADOC_DIR COMPLETION_FILE</pre>
 *
 * Run by packaging/build-installer.sh (a single-file source program: it needs no build of its own).
 */
public final class GenerateDocs {
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GenerateDocs ADOC_DIR COMPLETION_FILE");
        }
        // The whole tree; the window and the journal are never opened while the docs are written.
        CommandLine line = Cli.commandLine(start -> {
            throw new IllegalStateException("no window while writing docs");
        }, () -> {
            throw new IllegalStateException("no journal while writing docs");
        });
        File adoc = new File(args[0]);
        Files.createDirectories(adoc.toPath());
        // picocli's own entry point: pages for the command and every subcommand, no templates, overwrite
        int code = ManPageGenerator.generateManPage(adoc, null, new boolean[0], true, line.getCommandSpec());
        if (code != 0) {
            throw new IOException("picocli's ManPageGenerator exited " + code);
        }
        Path completion = Path.of(args[1]);
        Files.createDirectories(completion.toAbsolutePath().getParent());
        Files.writeString(completion, AutoComplete.bash(line.getCommandName(), line), StandardCharsets.UTF_8);
    }
}
