package org.coloconsole.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.engine.AuditKind;
import org.coloconsole.engine.AuditTrail;
import org.coloconsole.engine.AuditTrailFactory;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpCommandException;
import org.coloconsole.qmp.QmpException;
import org.coloconsole.qmp.QmpValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code colo-console qmp ENDPOINT COMMAND [ARGS]}: one command, the reply as JSON. Journaled like every operator
 * action (the intent durable before anything is sent, the outcome after); a command that changes COLO or the run state
 * ({@link StateChangingCommand}) is refused without {@code --force}, and the refusal is journaled too.
 */
@Command(name = "qmp", mixinStandardHelpOptions = true,
        description = {"Send one QMP command and print the reply as JSON. Journaled.",
                "Commands that change COLO or the guest's run state (x-colo-lost-heartbeat, stop, cont, quit, yank, "
                        + "migrate*, object-del, human-monitor-command…) need --force: use colo-console failover.",
                "Exit 0 on a reply, 1 when QEMU answers with an error, 2 when QEMU cannot be reached, the command is "
                        + "refused or the journal cannot be written."})
public final class QmpCommand implements Callable<Integer> {
    private final AuditTrailFactory trails;
    private final Clock clock;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENDPOINT", converter = EndpointConverter.class,
            description = "tcp:HOST:PORT, tls:HOST:PORT or unix:/path/to.sock")
    private Endpoint endpoint;

    @Parameters(index = "1", paramLabel = "COMMAND", description = "e.g. query-status")
    private String command;

    @Parameters(index = "2", arity = "0..1", paramLabel = "ARGS", description = "arguments as a JSON object")
    private String arguments;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "bound on connect and on the reply (default ${DEFAULT-VALUE})")
    private Duration timeout;

    @Option(names = "--pretty", description = "indent the JSON")
    private boolean pretty;

    @Option(names = "--force", description = "send a command that changes COLO or the guest's run state; the "
            + "failover interlock does not check it (use colo-console failover to fail over)")
    private boolean force;

    @Mixin
    private TransportOptions transport;

    public QmpCommand(AuditTrailFactory trails, Clock clock) {
        this.trails = trails;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> args = parseArguments();
        TransportSecurity security = transport.security(spec.commandLine(), endpoint);
        Optional<StateChangingCommand> changing = StateChangingCommand.of(command);
        AuditTrail trail;
        try {
            trail = trails.open();
        } catch (IOException e) {
            err.println("Nothing was sent: every qmp command is journaled, and " + e.getMessage());
            err.flush();
            return ExitCodes.JOURNAL_UNAVAILABLE;
        }
        try (trail) {
            Map<String, Object> intent = fields(args, changing);
            if (changing.isPresent() && !force) {
                String refusal = "'" + command + "' " + changing.get().effect() + " behind the failover interlock's "
                        + "back; nothing was sent. To fail over use colo-console failover (it fences the other side "
                        + "and verifies); to send it anyway add --force.";
                intent.put("refused", refusal);
                if (!journal(trail, AuditKind.ACTION_REFUSED, intent, err)) {
                    return ExitCodes.UNREACHABLE;
                }
                err.println("Refused: " + refusal);
                return ExitCodes.UNREACHABLE;
            }
            if (!journal(trail, AuditKind.ACTION_INTENT, intent, err)) {
                return ExitCodes.UNREACHABLE;
            }
            Outcome outcome = send(args, security, out, err);
            Map<String, Object> result = fields(args, changing);
            result.put("result", outcome.result());
            result.put("sentence", outcome.sentence());
            journal(trail, AuditKind.ACTION_OUTCOME, result, err);
            return outcome.exitCode();
        } finally {
            err.flush();
        }
    }

    /** What came of sending: for the exit code and the journal's outcome record. */
    private record Outcome(int exitCode, String result, String sentence) {
    }

    private Map<String, Object> fields(Map<String, Object> args, Optional<StateChangingCommand> changing) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", "qmp");
        fields.put("endpoint", endpoint.text());
        fields.put("command", command);
        if (args != null) {
            fields.put("arguments", args);
        }
        if (changing.isPresent()) {
            fields.put("changes-state", changing.get().effect());
            fields.put("forced", force);
        }
        return fields;
    }

    /** Durable, so that what was sent by hand is on disk before it is sent; false (with a sentence) when not. */
    private boolean journal(AuditTrail trail, AuditKind kind, Map<String, Object> fields, PrintWriter err) {
        try {
            trail.durable(kind, null, clock.instant(), fields);
            return true;
        } catch (IOException e) {
            err.println((kind == AuditKind.ACTION_OUTCOME ? "The outcome could not be journaled: "
                    : "Nothing was sent: the journal could not be written: ") + e.getMessage());
            return false;
        }
    }

    private Outcome send(Map<String, Object> args, TransportSecurity security, PrintWriter out, PrintWriter err) {
        QmpClientOptions options = QmpClientOptions.defaults("cli")
                .withConnectTimeout(timeout).withHandshakeTimeout(timeout).withCommandTimeout(timeout)
                .withTls(security.tls().orElse(null))
                .withAllowInsecure(security.allowInsecure());
        try (QmpClient client = new QmpClient(options)) {
            client.connect(endpoint);
            QmpValue reply = client.execute(command, args).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            // line by line: a println is one line (TerminalWriter), and JSON's own strings hold no raw newline
            (pretty ? reply.toPrettyJson() : reply.toJson()).lines().forEach(out::println);
            out.flush();
            return new Outcome(ExitCodes.OK, "reply", "QEMU replied.");
        } catch (QmpException e) {
            return failed(err, ExitCodes.UNREACHABLE, "unreachable", "cannot reach QEMU: " + FlagHints.add(e.getMessage()));
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof QmpCommandException q) {
                return failed(err, ExitCodes.QEMU_ERROR, "qemu-error", q.errorClass() + ": " + q.description());
            }
            return failed(err, ExitCodes.UNREACHABLE, "no-reply",
                    "no reply from QEMU: " + (cause == null ? e.getMessage() : cause.getMessage()));
        } catch (TimeoutException e) {
            return failed(err, ExitCodes.UNREACHABLE, "no-reply",
                    "no reply from QEMU within " + timeout.toMillis() + " ms; it may still act on it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(err, ExitCodes.UNREACHABLE, "interrupted", "interrupted");
        }
    }

    private static Outcome failed(PrintWriter err, int exitCode, String result, String sentence) {
        err.println(sentence);
        return new Outcome(exitCode, result, sentence);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parseArguments() {
        if (arguments == null || arguments.isBlank()) {
            return null;
        }
        QmpValue parsed;
        try {
            parsed = QmpValue.parse(arguments);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "ARGS is " + e.getMessage());
        }
        if (!parsed.isObject()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "ARGS must be a JSON object, e.g. '{\"id\": \"job0\"}'");
        }
        return (Map<String, Object>) parsed.toPlain();
    }
}
