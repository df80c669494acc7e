package org.coloconsole.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where Help ▸ Operator guide finds docs/operator-guide.md, and how it hands it to the desktop. The .deb installs the
 * guide in /usr/share/doc/colo-console/ (packaging/build-installer.sh); a console run from a checkout finds it under
 * docs/. The desktop opens it through {@code xdg-open} (JavaFX's HostServices belongs to the Application, which the
 * window does not hold, and on Linux it runs a browser itself); when nothing opens it, the window says where it is.
 */
final class OperatorGuide {
    /** Where the .deb puts it. */
    static final Path INSTALLED = Path.of("/usr/share/doc/colo-console/operator-guide.md");
    /** How long xdg-open may take to say it failed; one still running by then has handed the file on. */
    private static final long OPEN_WAIT_MS = 5000;

    private final List<Path> candidates;

    OperatorGuide(List<Path> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    /** The installed guide, else the one in the checkout the console runs from. */
    static OperatorGuide standard() {
        return new OperatorGuide(List.of(INSTALLED, Path.of("docs", "operator-guide.md").toAbsolutePath()));
    }

    /** The first candidate that exists. */
    Optional<Path> find() {
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** Where it was looked for, for the dialog when it is nowhere. */
    List<Path> candidates() {
        return candidates;
    }

    /**
     * Asks the desktop to open {@code file}. Blocks only to start {@code xdg-open}; the answer comes when it exits or
     * after five seconds, so no thread waits on a viewer that stays in the foreground.
     *
     * @return completes empty when handed over, else with why not in a sentence
     */
    static CompletableFuture<Optional<String>> openOnDesktop(Path file) {
        return openWith("xdg-open", file);
    }

    /** {@link #openOnDesktop} with another opener (a test's script). */
    static CompletableFuture<Optional<String>> openWith(String opener, Path file) {
        Process p;
        try {
            p = new ProcessBuilder(opener, file.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return CompletableFuture.completedFuture(Optional.of("xdg-open is not installed (Debian: xdg-utils)"));
        }
        return p.onExit().thenApply(done -> done.exitValue() == 0 ? Optional.<String>empty()
                        : Optional.of("xdg-open found no application for it (exit " + done.exitValue() + ")"))
                // still running by then: a viewer in the foreground, so it opened
                .completeOnTimeout(Optional.empty(), OPEN_WAIT_MS, TimeUnit.MILLISECONDS);
    }
}
