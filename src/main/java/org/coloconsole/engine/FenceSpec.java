package org.coloconsole.engine;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A fence action for one side, in the conventions of Linux HA fence agents (Debian's {@code fence-agents}): a command
 * that reads its options on standard input as {@code key=value} lines, is told {@code action=off|on|status}, and
 * exits 0 on success.
 *
 * @param command the program and its arguments (no shell)
 * @param options the {@code key=value} lines, in order; {@code action} is added by the runner
 * @param timeout after this the agent's whole process group is killed and the fence counts as failed
 */
public record FenceSpec(List<String> command, Map<String, String> options, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public FenceSpec {
        command = List.copyOf(command);
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("a fence action needs a command");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a fence action's timeout must be positive, not " + timeout);
        }
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().isBlank() || e.getKey().contains("=") || e.getKey().contains("\n")
                    || e.getValue().contains("\n")) {
                throw new IllegalArgumentException("a fence option must be one key=value line: \"" + e.getKey()
                        + "\"");
            }
            if (e.getKey().equals("action")) {
                throw new IllegalArgumentException("the fence option \"action\" is the console's to set");
            }
        }
    }

    /** The options as the journal keeps them: a secret's value (password, passwd…) is never written. */
    public Map<String, String> redactedOptions() {
        Map<String, String> shown = new LinkedHashMap<>();
        options.forEach((k, v) -> shown.put(k, secret(k) ? "(hidden)" : v));
        return shown;
    }

    private static boolean secret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("passw") || k.contains("secret") || k.contains("token") || k.endsWith("_key")
                || k.equals("key");
    }
}
