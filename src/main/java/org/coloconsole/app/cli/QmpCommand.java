package org.coloconsole.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.QmpClient;
import org.coloconsole.qmp.QmpClientOptions;
import org.coloconsole.qmp.QmpCommandException;
import org.coloconsole.qmp.QmpException;
import org.coloconsole.qmp.QmpValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code colo-console qmp ENDPOINT COMMAND [ARGS]}: one command, the reply as JSON. */
@Command(name = "qmp", mixinStandardHelpOptions = true,
        description = {"Send one QMP command and print the reply as JSON.",
                "Exit 0 on a reply, 1 when QEMU answers with an error, 2 when QEMU cannot be reached."})
public final class QmpCommand implements java.util.concurrent.Callable<Integer> {

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

    @Mixin
    private TransportOptions transport;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> args = parseArguments();
        TransportSecurity security = transport.security(spec.commandLine(), endpoint);
        QmpClientOptions options = QmpClientOptions.defaults("cli")
                .withConnectTimeout(timeout).withHandshakeTimeout(timeout).withCommandTimeout(timeout)
                .withTls(security.tls().orElse(null))
                .withAllowInsecure(security.allowInsecure());
        try (QmpClient client = new QmpClient(options)) {
            client.connect(endpoint);
            QmpValue reply = client.execute(command, args).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            out.println(pretty ? reply.toPrettyJson() : reply.toJson());
            out.flush();
            return ExitCodes.OK;
        } catch (QmpException e) {
            err.println("cannot reach QEMU: " + FlagHints.add(e.getMessage()));
            return ExitCodes.UNREACHABLE;
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof QmpCommandException q) {
                err.println(q.errorClass() + ": " + q.description());
                return ExitCodes.QEMU_ERROR;
            }
            err.println("no reply from QEMU: " + (cause == null ? e.getMessage() : cause.getMessage()));
            return ExitCodes.UNREACHABLE;
        } catch (TimeoutException e) {
            err.println("no reply from QEMU within " + timeout.toMillis() + " ms");
            return ExitCodes.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return ExitCodes.UNREACHABLE;
        } finally {
            err.flush();
        }
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
