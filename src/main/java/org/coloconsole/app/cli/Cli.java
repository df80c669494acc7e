package org.coloconsole.app.cli;

import java.io.PrintStream;
import java.io.Writer;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.coloconsole.app.GuiLauncher;
import org.coloconsole.app.JournalUnavailableException;
import org.coloconsole.app.profile.ProfileStore;
import org.coloconsole.colo.PrintableText;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.engine.FatalErrors;
import org.coloconsole.engine.PairClaims;
import picocli.CommandLine;

/** Builds the command tree. Subcommands get what they need through their constructors. */
public final class Cli {
    private Cli() {
    }

    /** The whole tree: help, the man page and bash completion list every subcommand. */
    public static CommandLine commandLine(GuiLauncher gui, AuditTrailFactory trails) {
        return commandLine(gui, trails, standardProfiles());
    }

    /** @param profiles where {@code --profile NAME} looks; made only when a profile is asked for */
    public static CommandLine commandLine(GuiLauncher gui, AuditTrailFactory trails, Supplier<ProfileStore> profiles) {
        Profiles lookup = new Profiles(profiles);
        CommandLine line = root(gui, lookup);
        subcommands(trails).values().forEach(sub -> line.addSubcommand(sub.get()));
        return withSentences(line);
    }

    /**
     * The tree {@code args} can reach, for a one-shot start: picocli reflects over every subcommand it is given, which
     * took most of a {@code --version} or {@code qmp} call. A subcommand whose name is none of the arguments cannot be
     * reached, so the parse is the same as with the whole tree; without any subcommand name among them (help, a
     * misspelt name, the window's options, a bare {@code --version}) the whole tree is built.
     */
    public static CommandLine commandLine(GuiLauncher gui, AuditTrailFactory trails, String... args) {
        return commandLine(gui, trails, standardProfiles(), args);
    }

    /** As above, with {@code --profile NAME} looked up in {@code profiles}. */
    public static CommandLine commandLine(GuiLauncher gui, AuditTrailFactory trails, Supplier<ProfileStore> profiles,
                                          String... args) {
        List<String> given = Arrays.asList(args);
        Map<String, Supplier<Object>> all = subcommands(trails);
        boolean named = all.keySet().stream().anyMatch(given::contains);
        CommandLine line = root(gui, new Profiles(profiles));
        all.forEach((name, sub) -> {
            if (!named || given.contains(name)) {
                line.addSubcommand(sub.get());
            }
        });
        return withSentences(line);
    }

    /** This process's claims, from its environment, made once on first use. */
    private static Supplier<PairClaims> thisProcess() {
        AtomicReference<PairClaims> made = new AtomicReference<>();
        return () -> made.updateAndGet(m -> m != null ? m : PairClaims.forThisProcess(System.getenv()));
    }

    /** The user's profiles in the XDG config directory of this process's environment. */
    private static Supplier<ProfileStore> standardProfiles() {
        return () -> ProfileStore.inConfigDir(System.getenv());
    }

    /** The root command, whose subcommands' pair options (a picocli mixin) find profiles through {@code profiles}. */
    private static CommandLine root(GuiLauncher gui, Profiles profiles) {
        return new CommandLine(new ColoConsoleCommand(gui, profiles), Profiles.factory(profiles));
    }

    /**
     * After a fatal error on any of the console's threads the CLI says so on {@code err} and ends at once with
     * {@link ExitCodes#FATAL} ({@code halt}: a clean exit could wait on the very thread that died).
     *
     * @return the subscription: the window closes it when it opens, to say so on screen instead
     */
    public static AutoCloseable exitOnFatal(FatalErrors fatal, PrintStream err,
                                            IntConsumer halt) {
        return fatal.subscribe(f -> {
            try {
                err.println(PrintableText.escape(f.sentence()));
                err.flush();
            } finally {
                halt.accept(ExitCodes.FATAL);
            }
        });
    }

    /** A journal that cannot be opened is a sentence and its own exit code, not a stack trace. */
    private static CommandLine withSentences(CommandLine line) {
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof JournalUnavailableException) {
                failed.getErr().println("Nothing was done: the console journals what it sees and does, and "
                        + e.getMessage());
                failed.getErr().flush();
                return ExitCodes.JOURNAL_UNAVAILABLE;
            }
            throw e;
        });
        return line;
    }

    /**
     * Runs what {@code args} ask for, printing to {@code out} and {@code err}, and returns the exit code. A bare
     * {@code --version} (or {@code -V}) is answered without a command model: picocli reads even the root command's
     * annotations through proxies the JVM generates afresh at each start, and that was most of the call
     * ({@code docs/packaging.md}, "Start-up of one-shot calls"). It prints what picocli's version option prints.
     */
    public static int execute(GuiLauncher gui, AuditTrailFactory trails, String[] args, Writer out,
                              Writer err) {
        if (Arrays.equals(args, new String[] {"--version"}) || Arrays.equals(args, new String[] {"-V"})) {
            TerminalWriter printer = new TerminalWriter(out);
            for (String line : new ColoConsoleCommand.Version().getVersion()) {
                printer.println(line);
            }
            printer.flush();
            return ExitCodes.OK;
        }
        return forTerminal(commandLine(gui, trails, args), out, err).execute(args);
    }

    /**
     * Points {@code line}'s output at these writers through {@link TerminalWriter}, so that no QEMU string reaches a
     * terminal with its control characters (the entry point passes stdout and stderr).
     */
    public static CommandLine forTerminal(CommandLine line, Writer out, Writer err) {
        line.setOut(new TerminalWriter(out));
        line.setErr(new TerminalWriter(err));
        return line;
    }

    /** By name (each command's {@code @Command(name)}), in the order help lists them. */
    private static Map<String, Supplier<Object>> subcommands(AuditTrailFactory trails) {
        // who this process is when it claims a pair, and where this host's pair locks are: one for the process, made
        // only when a command that may act on the pair runs
        Supplier<PairClaims> claims = thisProcess();
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("qmp", () -> new QmpCommand(trails, Clock.systemUTC()));
        all.put("lab", () -> new LabCommand(trails, claims));
        all.put("watch", () -> new WatchCommand(trails, claims));
        all.put("status", () -> new StatusCommand(trails));
        all.put("failover", () -> new FailoverCommand(trails, claims));
        all.put("protect", () -> new ProtectCommand(trails, claims));
        all.put("reprotect", () -> new ReprotectCommand(trails, claims));
        all.put("swap", () -> new SwapCommand(trails, claims));
        all.put("jobs", () -> new JobsCommand(trails));
        all.put("job", () -> new JobCommand(trails));
        return all;
    }
}
