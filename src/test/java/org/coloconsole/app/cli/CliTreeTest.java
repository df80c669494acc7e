package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one-shot tree (only the subcommands the arguments name) parses and prints as the whole tree does. */
class CliTreeTest {

    @Test
    void eachSubcommandIsBuiltUnderItsOwnNameAndAloneWhenNamed() {
        CommandLine whole = Cli.commandLine(start -> 0, () -> null);
        assertThat(whole.getSubcommands()).isNotEmpty();
        for (String name : whole.getSubcommands().keySet()) {
            CommandLine one = Cli.commandLine(start -> 0, () -> null, name, "--help");
            assertThat(one.getSubcommands()).containsOnlyKeys(name);
            assertThat(printed(one, name, "--help")).isEqualTo(printed(whole, name, "--help"));
        }
    }

    @Test
    void withoutASubcommandNameTheWholeTreeIsBuilt() {
        CommandLine whole = Cli.commandLine(start -> 0, () -> null);
        assertThat(Cli.commandLine(start -> 0, () -> null, "--help").getSubcommands().keySet())
                .containsExactlyElementsOf(whole.getSubcommands().keySet());
        assertThat(Cli.commandLine(start -> 0, () -> null, "stauts").getSubcommands().keySet())
                .containsExactlyElementsOf(whole.getSubcommands().keySet());
    }

    @Test
    void aBareVersionPrintsWhatPicocliPrintsAndExitsZero() {
        CommandLine whole = Cli.commandLine(start -> 0, () -> null);
        for (String option : new String[] {"--version", "-V"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Cli.execute(start -> 1, () -> {
                throw new AssertionError("a bare version opens no journal");
            }, new String[] {option}, out, err);
            assertThat(code).isZero();
            assertThat(err.toString()).isEmpty();
            assertThat(out.toString()).isEqualTo(printed(whole, option)).startsWith("colo-console ");
        }
    }

    private static String printed(CommandLine line, String... args) {
        StringWriter out = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.execute(args);
        return out.toString();
    }
}
