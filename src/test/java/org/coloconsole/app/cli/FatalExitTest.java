package org.coloconsole.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.coloconsole.engine.FatalErrors;
import org.junit.jupiter.api.Test;

/** An OutOfMemoryError on one of the console's threads makes the CLI say so and exit non-zero, once. */
class FatalExitTest {

    @Test
    void anOutOfMemoryErrorOnAConsoleThreadIsASentenceAndExit70() throws Exception {
        FatalErrors fatal = new FatalErrors();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Cli.exitOnFatal(fatal, new PrintStream(err, true, StandardCharsets.UTF_8), exit::complete);
        Thread state = new Thread(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, "pair-state");
        state.setUncaughtExceptionHandler(fatal);
        state.start();
        assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(70);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'pair-state'", "OutOfMemoryError", "Restart");
        assertThat(fatal.happened()).isTrue();
    }

    @Test
    void anOrdinaryExceptionIsNotFatal() throws Exception {
        FatalErrors fatal = new FatalErrors();
        Thread t = new Thread(() -> {
            throw new IllegalStateException("a bug");
        }, "worker");
        t.setUncaughtExceptionHandler(fatal);
        t.start();
        t.join();
        assertThat(fatal.happened()).isFalse();
    }
}
