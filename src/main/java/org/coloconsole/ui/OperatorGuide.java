package org.coloconsole.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
     * Asks the desktop to open {@code file}; blocks up to five seconds, so never on the FX thread.
     *
     * @return empty when handed over, else why not in a sentence
     */
    static Optional<String> openOnDesktop(Path file) {
        try {
            Process p = new ProcessBuilder("xdg-open", file.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(OPEN_WAIT_MS, TimeUnit.MILLISECONDS)) {
                return Optional.empty(); // a viewer that stays in the foreground: it opened
            }
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of("xdg-open found no application for it (exit " + p.exitValue() + ")");
        } catch (IOException e) {
            return Optional.of("xdg-open is not installed (Debian: xdg-utils)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
