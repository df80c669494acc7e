package org.coloconsole.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The window's state in {@code $XDG_CONFIG_HOME/colo-console/window.properties} (beside profiles.json). Read by the
 * launcher before JavaFX starts and written when the window closes, so neither happens while the window is on screen.
 */
public final class WindowMemory {
    private final Optional<Path> file;
    private final WindowState loaded;
    private final boolean desktopPrefersDark;

    WindowMemory(Optional<Path> file, WindowState loaded, boolean desktopPrefersDark) {
        this.file = file;
        this.loaded = loaded;
        this.desktopPrefersDark = desktopPrefersDark;
    }

    /** Nothing remembered and nothing saved: the tests' windows. */
    public static WindowMemory none() {
        return new WindowMemory(Optional.empty(), WindowState.first(), false);
    }

    public static WindowMemory inConfigDir(Map<String, String> environment) {
        String config = environment.get("XDG_CONFIG_HOME");
        Path dir = config != null && !config.isBlank() ? Path.of(config)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return load(dir.resolve("colo-console").resolve("window.properties"), environment);
    }

    static WindowMemory load(Path file, Map<String, String> environment) {
        WindowState state = WindowState.first();
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
                state = WindowState.from(p);
            } catch (IOException | IllegalArgumentException e) {
                state = WindowState.first(); // a damaged file costs the operator a window size, not the start
            }
        }
        boolean prefersDark = state.dark().isEmpty() && desktopPrefersDark(environment);
        return new WindowMemory(Optional.of(file), state, prefersDark);
    }

    public WindowState loaded() {
        return loaded;
    }

    /** The theme to start with: the operator's last choice, else the desktop's dark preference. */
    public boolean startDark(boolean asked) {
        return asked || loaded.dark().orElse(desktopPrefersDark);
    }

    /** Writes {@code state} (0600, replaced atomically); a failure is returned as a sentence, never thrown. */
    public Optional<String> save(WindowState state) {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path target = file.get();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "window", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                state.toProperties().store(out, "COLO Console window state");
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("The window's size and place were not saved to " + target + ": " + e.getMessage());
        }
    }

    /**
     * The desktop's dark preference, read cheaply: GTK_THEME ending in ":dark", else GNOME's color-scheme through
     * gsettings (half a second at most). JavaFX 21 has no API for it (Platform.Preferences arrived in JavaFX 22).
     */
    static boolean desktopPrefersDark(Map<String, String> environment) {
        String gtk = environment.getOrDefault("GTK_THEME", "");
        if (gtk.toLowerCase(Locale.ROOT).endsWith(":dark")) {
            return true;
        }
        try {
            Process p = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(500, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .contains("prefer-dark");
        } catch (IOException e) {
            return false; // no gsettings: no GNOME preference to follow
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
