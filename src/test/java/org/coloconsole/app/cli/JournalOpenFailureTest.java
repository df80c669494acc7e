package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A journal that cannot be opened makes a pair command say why and exit 3, with no stack trace. */
class JournalOpenFailureTest {

    @Test
    void everyPairCommandSaysWhyAndExitsCleanly() {
        for (String command : new String[] {"status", "watch", "jobs", "failover"}) {
            StringWriter err = new StringWriter();
            CommandLine line = Cli.commandLine(start -> 0, () -> {
                throw new IOException("the journal in /x could not be opened: /x is writable by everyone");
            }, command);
            line.setOut(new PrintWriter(new StringWriter(), true));
            line.setErr(new PrintWriter(err, true));
            String[] args = command.equals("failover")
                    ? new String[] {command, "--to", "secondary", "--yes", "--primary", "tcp:127.0.0.1:1",
                            "--secondary", "tcp:127.0.0.1:2"}
                    : new String[] {command, "--primary", "tcp:127.0.0.1:1", "--secondary", "tcp:127.0.0.1:2"};
            assertThat(line.execute(args)).as(command).isEqualTo(3);
            assertThat(err.toString()).as(command).contains("Nothing was done", "writable by everyone")
                    .doesNotContain("\tat ", "Exception");
        }
    }
}
