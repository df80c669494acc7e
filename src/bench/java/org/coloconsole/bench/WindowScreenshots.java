package org.coloconsole.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.app.lab.LabOptions;
import org.coloconsole.app.lab.LabPair;
import org.coloconsole.app.lab.LabPairKind;
import org.coloconsole.app.lab.LabSide;
import org.coloconsole.app.lab.LabSignal;
import org.coloconsole.app.profile.ProfileStore;
import org.coloconsole.colo.AutoFailoverSettings;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.engine.AutoFailoverSetup;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.engine.JournalAuditTrail;
import org.coloconsole.engine.PairClaims;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.ui.ConsoleApp;
import org.coloconsole.ui.ConsoleContext;
import org.coloconsole.ui.ConsoleWindow;
import org.coloconsole.ui.LabStarter;
import org.coloconsole.ui.SessionOptions;
import org.coloconsole.ui.SupervisorSession;

/**
 * Screenshots of the window on a real lab pair, driven from inside (the buttons fired as a click fires them) and drawn
 * by JavaFX's own snapshot of the window (or dialog) shown: run under Xvfb by src/bench/screenshot-lifecycle.sh.
 *
 * <ul>
 * <li>{@code countdown}: the lab pair with the automatic failover on (2 s grace; the UNIX monitors of this host prove
 * a killed QEMU gone), the primary SIGKILLed: the banner's countdown "Promoting the secondary in 2 s — Cancel".</li>
 * <li>{@code restore}: the full lab pair, the secondary SIGKILLed, "Continue on the primary", then "Restore
 * protection…": the dialog with the expected command line after "Start the new secondary in the lab" and the check;
 * the flow running, its copy step done; protected again. The jobs pane's rate and time left cannot be pictured here:
 * the copy of the lab's 16 MiB disk is ready in well under a second (docs/colo-full-pair.md), before the pane's
 * second reading, and {@code block-job-set-speed} does not slow it (its first pass already covers the whole disk).</li>
 * </ul>
 */
public final class WindowScreenshots {
    private final Path out;
    private final Path dir;
    private ConsoleWindow window;

    private WindowScreenshots(Path out, Path dir) {
        this.out = out;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "restore";
        Path out = Path.of(args.length > 1 ? args[1] : "assets/screenshots");
        Path dir = Files.createTempDirectory("colo-window-shots");
        int status = 0;
        try {
            WindowScreenshots shots = new WindowScreenshots(out, dir);
            if (mode.equals("countdown")) {
                shots.countdown();
            } else {
                shots.restore();
            }
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            status = 1;
        } finally {
            BenchFiles.deleteTree(dir);
        }
        System.exit(status);
    }

    private void countdown() throws Exception {
        try (LabPair lab = LabPair.start(LabOptions.defaults().withRunDir(dir.resolve("lab")))) {
            show(Optional.empty());
            PairEndpoints pair = new PairEndpoints(lab.primaryConsoleEndpoint(), lab.secondaryConsoleEndpoint());
            SessionOptions options = new SessionOptions(TransportSecurity.none(), ServiceProbes.none(),
                    new AutoFailoverSetup(true, AutoFailoverSettings.DEFAULT_GRACE, Map.of()), Optional.empty());
            fx(() -> window.openPair("lab pair (automatic failover on)", pair, HeartbeatSettings.defaults(),
                    options));
            await("the pair protected", Duration.ofSeconds(120), () -> text("#banner-verdict").equals("PROTECTED"));
            TimeUnit.SECONDS.sleep(3);
            CompletableFuture<String> shot = new CompletableFuture<>();
            fx(() -> ((Label) find("#banner-countdown").orElseThrow()).textProperty().addListener((obs, old, now) -> {
                if (now.contains(" in ") && !shot.isDone()) {
                    // after this pulse's bindings: the Cancel button and the row are shown by then
                    Platform.runLater(() -> {
                        try {
                            write(stage().getScene(), out.resolve("14-auto-failover-countdown.png"));
                            shot.complete(now);
                        } catch (java.io.IOException e) {
                            shot.completeExceptionally(e);
                        }
                    });
                }
            }));
            Files.createDirectories(out);
            lab.kill(LabSide.PRIMARY, LabSignal.KILL);
            System.out.println("countdown shown: " + shot.get(30, TimeUnit.SECONDS));
            await("the policy disarmed after acting", Duration.ofSeconds(30), () -> visible("#banner-rearm"));
            TimeUnit.SECONDS.sleep(2);
            shoot("15-auto-failover-rearm.png");
            close();
        }
    }

    private void restore() throws Exception {
        AtomicReference<LabPair> started = new AtomicReference<>();
        show(Optional.of(() -> {
            LabPair pair = LabPair.start(LabOptions.defaults().withKind(LabPairKind.FULL)
                    .withRunDir(dir.resolve("lab")).withStartTimeout(Duration.ofSeconds(90)));
            started.set(pair);
            return running(pair);
        }));
        await("the lab pair protected", Duration.ofSeconds(240), () -> text("#banner-verdict").equals("PROTECTED"));
        TimeUnit.SECONDS.sleep(15); // the guest boots (TCG), the probe sees it
        LabPair lab = started.get();
        lab.kill(LabSide.SECONDARY, LabSignal.KILL);
        await("continue on primary offered", Duration.ofSeconds(30),
                () -> text("#banner-verdict").equals("ACT: CONTINUE ON PRIMARY"));
        fire("#continue-primary");
        await("the confirmation", Duration.ofSeconds(10), () -> find("#confirm-agree").isPresent());
        fx(() -> ((CheckBox) find("#confirm-agree").orElseThrow()).setSelected(true));
        fire("#confirm-failover-button");
        await("restore offered", Duration.ofSeconds(60), () -> visible("#banner-restore"));
        TimeUnit.SECONDS.sleep(16); // the failover's notification hides after 15 s
        fire("#banner-restore");
        await("the restore dialog", Duration.ofSeconds(10), () -> find("#restore-start-lab").isPresent());
        fire("#restore-start-lab");
        await("the check passed", Duration.ofSeconds(120),
                () -> find("#restore-run").map(n -> !n.isDisabled()).orElse(false));
        TimeUnit.MILLISECONDS.sleep(500);
        shoot("11-restore-dialog.png", "#restore-dialog");

        fire("#restore-run");
        // the copy's step: on the lab's 16 MiB disk it is ready in well under a second (docs/colo-full-pair.md)
        await("the copy done", Duration.ofSeconds(120), () -> onFx(() -> find("#restore-steps")
                .map(n -> ((javafx.scene.control.ListView<?>) n).getItems().toString()).orElse(""))
                .contains("the copy is ready"));
        shoot("12-restore-running.png", "#restore-dialog");
        await("protected again", Duration.ofSeconds(180), () -> text("#restore-result").startsWith("Protected"));
        System.out.println("restore: " + text("#restore-result"));
        shoot("13-restore-protected-dialog.png", "#restore-dialog");
        fire("#restore-close");
        await("the banner protected", Duration.ofSeconds(60), () -> text("#banner-verdict").equals("PROTECTED"));
        TimeUnit.SECONDS.sleep(3);
        shoot("13-protected-again.png");
        close();
    }

    private static LabStarter.RunningLab running(LabPair pair) {
        PairEndpoints endpoints = new PairEndpoints(pair.primaryConsoleEndpoint(), pair.secondaryConsoleEndpoint());
        return new LabStarter.RunningLab() {
            @Override
            public PairEndpoints endpoints() {
                return endpoints;
            }

            @Override
            public ServiceProbes probes() {
                return pair.state().serviceProbes();
            }

            @Override
            public String description() {
                return "full pair (screenshots)";
            }

            @Override
            public boolean startsNewSecondaries() {
                return true;
            }

            @Override
            public Endpoint startNewSecondary(Endpoint slot) {
                LabSide side = slot.equals(pair.primaryConsoleEndpoint()) ? LabSide.PRIMARY : LabSide.SECONDARY;
                pair.startNewSecondary(side);
                return pair.consoleEndpoint(side);
            }

            @Override
            public void close() {
                pair.close();
            }
        };
    }

    private final AtomicReference<Stage> stage = new AtomicReference<>();

    private Stage stage() {
        return stage.get();
    }

    private void show(Optional<Supplier<LabStarter.RunningLab>> lab) throws Exception {
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        ConsoleContext context = new ConsoleContext(Optional.empty(), TransportSecurity.none(),
                SupervisorSession.connector(() -> JournalAuditTrail.open(dir.resolve("journal")), Clock.systemUTC(),
                        PairClaims.forThisProcess(System.getenv())),
                () -> lab.orElseThrow().get(), new ProfileStore(dir.resolve("profiles.json")), Clock.systemUTC(),
                ZoneId.of("UTC"), false, lab.isPresent());
        CompletableFuture<Void> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            Stage s = new Stage();
            stage.set(s);
            window = ConsoleApp.show(s, context);
            s.setX(0);
            s.setY(0);
            s.setWidth(1280);
            s.setHeight(800);
            shown.complete(null);
        });
        shown.get(30, TimeUnit.SECONDS);
    }

    private void close() throws Exception {
        fx(() -> stage().close());
        TimeUnit.SECONDS.sleep(2);
    }

    /** The main window as it is drawn now. */
    private void shoot(String name) throws Exception {
        shoot(name, "#console-window");
    }

    /**
     * The window holding {@code id} (the main one or a dialog), drawn by JavaFX itself at this moment: an X grab
     * under load can show a frame the FX thread has not painted yet (a 2 s countdown is gone by then).
     */
    private void shoot(String name, String id) throws Exception {
        Files.createDirectories(out);
        Path file = out.resolve(name);
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                write(find(id).orElseThrow(() -> new AssertionError("no " + id)).getScene(), file);
                done.complete(null);
            } catch (Exception | AssertionError e) {
                done.completeExceptionally(e);
            }
        });
        done.get(30, TimeUnit.SECONDS);
    }

    /** On the FX thread: the scene's snapshot as a PNG (without javafx.swing: the pixels copied by hand). */
    private static void write(javafx.scene.Scene scene, Path file) throws java.io.IOException {
        javafx.scene.image.WritableImage image = scene.snapshot(null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0,
                w);
        java.awt.image.BufferedImage png = new java.awt.image.BufferedImage(w, h,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        png.setRGB(0, 0, w, h, argb, 0, w);
        javax.imageio.ImageIO.write(png, "png", file.toFile());
    }

    /** A node of any of the console's windows (the main one or a dialog) by id. */
    private static Optional<Node> find(String id) {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null) {
                Node node = w.getScene().lookup(id);
                if (node != null) {
                    return Optional.of(node);
                }
            }
        }
        return Optional.empty();
    }

    private static <T> T onFx(Supplier<T> read) {
        CompletableFuture<T> value = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                value.complete(read.get());
            } catch (RuntimeException e) {
                value.completeExceptionally(e);
            }
        });
        try {
            return value.get(60, TimeUnit.SECONDS); // a loaded machine (TCG guests) can hold the FX thread for seconds
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fx(Runnable action) {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    private static String text(String id) {
        return onFx(() -> find(id).map(n -> ((Label) n).getText()).orElse(""));
    }

    private static boolean visible(String id) {
        return onFx(() -> find(id).map(n -> n.isVisible() && n.isManaged()).orElse(false));
    }

    /** Not waited for: a button that opens a modal dialog returns only once the dialog closes. */
    private static void fire(String id) {
        Platform.runLater(() -> find(id).map(ButtonBase.class::cast).ifPresentOrElse(ButtonBase::fire,
                () -> System.err.println("no " + id + " to fire")));
    }

    private static String jobsText() {
        return onFx(() -> {
            StringBuilder text = new StringBuilder();
            for (Window w : Window.getWindows()) {
                for (Node n : w.getScene().getRoot().lookupAll(".job-progress-text")) {
                    text.append(((Label) n).getText()).append(" | ");
                }
            }
            return text.toString();
        });
    }

    private static void await(String what, Duration limit, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
    }
}
