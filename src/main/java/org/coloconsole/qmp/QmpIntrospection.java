package org.coloconsole.qmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What a QEMU offers over QMP, read once per connection: the greeting, {@code query-qmp-schema}, and whether QEMU
 * refuses unstable input ({@code -compat unstable-input=reject}).
 *
 * <p>The schema does not show that policy (it reads the same either way), so it is asked with one unstable command
 * that only reads: refused with CommandNotFound although the schema lists it means the policy rejects unstable
 * input — and then {@code x-colo-lost-heartbeat}, the {@code x-colo} capability and {@code x-checkpoint-delay} are
 * refused too.
 *
 * @param unstableProbe the command sent to learn the policy, when the schema offered one
 */
public record QmpIntrospection(QmpGreeting greeting, QmpSchema schema, UnstableInput unstableInput,
                               Optional<String> unstableProbe) {

    /** Whether QEMU accepts commands, arguments and values marked {@code unstable}. */
    public enum UnstableInput {
        ACCEPTED,
        /** {@code -compat unstable-input=reject}. */
        REJECTED,
        /** No probe could be sent, or it failed in a way that says nothing about the policy. */
        UNKNOWN
    }

    /**
     * Read-only and harmless at any time, in COLO too, in the order tried; any other argument-less unstable
     * {@code x-query-*} command the schema lists serves as well.
     */
    static final List<String> PREFERRED_PROBES = List.of("x-query-roms", "x-query-ramblock", "x-query-numa");

    /** Reads the schema and then asks the policy, on a client that is connected (and has greeted). */
    public static CompletableFuture<QmpIntrospection> read(QmpClient client) {
        Optional<QmpGreeting> greeting = client.greeting();
        if (greeting.isEmpty()) {
            return CompletableFuture.failedFuture(new QmpStateException(
                    "introspection needs a connected client; it is " + client.state()));
        }
        return client.execute("query-qmp-schema").thenCompose(raw -> {
            QmpSchema schema = QmpSchema.parse(raw);
            Optional<String> probe = unstableProbe(schema);
            if (probe.isEmpty()) {
                return CompletableFuture.completedFuture(
                        new QmpIntrospection(greeting.get(), schema, UnstableInput.UNKNOWN, probe));
            }
            return client.execute(probe.get(), Map.of()).handle((value, error) -> new QmpIntrospection(
                    greeting.get(), schema, policyFrom(error), probe));
        });
    }

    /** An argument-less, unstable {@code x-query-*} command of this schema, preferring the known harmless ones. */
    static Optional<String> unstableProbe(QmpSchema schema) {
        List<String> candidates = new ArrayList<>(PREFERRED_PROBES);
        schema.commandNames().stream().filter(n -> n.startsWith("x-query-")).sorted().forEach(candidates::add);
        for (String name : candidates) {
            Optional<QmpSchema.Command> command = schema.command(name);
            if (command.isPresent() && command.get().features().contains("unstable")
                    && takesNoArguments(schema, command.get())) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static boolean takesNoArguments(QmpSchema schema, QmpSchema.Command command) {
        return schema.type(command.argType())
                .map(t -> t instanceof QmpSchema.ObjectType o && o.members().isEmpty() && o.variants().isEmpty())
                .orElse(false);
    }

    private static UnstableInput policyFrom(Throwable error) {
        if (error == null) {
            return UnstableInput.ACCEPTED;
        }
        Throwable cause = error.getCause() != null && !(error instanceof QmpException) ? error.getCause() : error;
        if (cause instanceof QmpCommandException c) {
            // the schema lists the command: only the policy makes it "not found"
            return "CommandNotFound".equals(c.errorClass()) ? UnstableInput.REJECTED : UnstableInput.ACCEPTED;
        }
        return UnstableInput.UNKNOWN;
    }
}
