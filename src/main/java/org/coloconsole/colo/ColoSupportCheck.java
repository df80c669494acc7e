package org.coloconsole.colo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.coloconsole.qmp.QmpGreeting;
import org.coloconsole.qmp.QmpIntrospection;
import org.coloconsole.qmp.QmpSchema;

/**
 * The schema self-test: does this QEMU offer the commands, events, members and enum values the console relies on,
 * and may the console send the unstable ones? A pure function of what the QEMU said at connect.
 *
 * <p>Tolerant by construction: only what the console uses is required (see {@link ColoRequirement}), an enum may have
 * more values, a member may become optional. What QEMU marks {@code unstable} in input (x-colo-lost-heartbeat, the
 * x-colo capability, x-checkpoint-delay) counts as missing when QEMU runs with {@code -compat unstable-input=reject}.
 */
public final class ColoSupportCheck {
    private ColoSupportCheck() {
    }

    private static final String REFUSED = " (refused by -compat unstable-input=reject)";

    /** Everything the console relies on, watching a pair, failing over, bringing COLO up and acting on jobs. */
    public static final List<ColoRequirement> REQUIREMENTS = requirements();

    private static List<ColoRequirement> requirements() {
        List<ColoRequirement> all = new ArrayList<>();
        // watching: the resync polls and the heartbeat
        for (String c : List.of("query-version", "query-status", "query-colo-status", "query-migrate",
                "query-migrate-parameters")) {
            all.add(new ColoRequirement.Command(c, false));
        }
        // the failover runbook, then bringing COLO up (and up again)
        for (String c : List.of("stop", "cont", "quit", "x-colo-lost-heartbeat", "migrate",
                "migrate-set-capabilities", "migrate-set-parameters")) {
            all.add(new ColoRequirement.Command(c, false));
        }
        all.add(new ColoRequirement.Command("yank", true));
        all.add(new ColoRequirement.GreetingCapability("oob"));
        // the jobs view
        for (String c : List.of("query-jobs", "job-pause", "job-resume", "job-cancel", "job-complete",
                "job-dismiss", "job-finalize")) {
            all.add(new ColoRequirement.Command(c, false));
        }
        for (String e : List.of("COLO_EXIT", "STOP", "RESUME", "MIGRATION", "MIGRATION_PASS", "SHUTDOWN",
                "JOB_STATUS_CHANGE")) {
            all.add(new ColoRequirement.Event(e));
        }
        ColoRequirement.Root exit = new ColoRequirement.Root(ColoRequirement.Root.Kind.EVENT_DATA, "COLO_EXIT");
        ColoRequirement.Root coloStatus = returns("query-colo-status");
        all.add(new ColoRequirement.EnumValues(exit, List.of("mode"), Set.of("primary", "secondary")));
        all.add(new ColoRequirement.EnumValues(exit, List.of("reason"), Set.of("request", "error")));
        all.add(new ColoRequirement.EnumValues(coloStatus, List.of("mode"), Set.of("none", "primary", "secondary")));
        all.add(new ColoRequirement.EnumValues(coloStatus, List.of("reason"), Set.of("none", "request", "error")));
        all.add(new ColoRequirement.EnumValues(new ColoRequirement.Root(ColoRequirement.Root.Kind.EVENT_DATA,
                "MIGRATION"), List.of("status"), Set.of("colo", "completed")));
        all.add(new ColoRequirement.EnumValues(returns("query-migrate"), List.of("status"),
                Set.of("colo", "completed")));
        all.add(new ColoRequirement.Member(returns("query-status"), List.of("running")));
        all.add(new ColoRequirement.EnumValues(returns("query-status"), List.of("status"),
                Set.of("running", "paused", "colo")));
        all.add(new ColoRequirement.EnumValues(arguments("migrate-set-capabilities"),
                List.of("capabilities", "capability"), Set.of("x-colo", "events")));
        all.add(new ColoRequirement.Member(arguments("migrate-set-parameters"), List.of("x-checkpoint-delay")));
        all.add(new ColoRequirement.Member(returns("query-migrate-parameters"), List.of("x-checkpoint-delay")));
        // optional since 9.1 (beside "channels"): present is enough
        all.add(new ColoRequirement.Member(arguments("migrate"), List.of("uri")));
        all.add(new ColoRequirement.Member(arguments("yank"), List.of("instances")));
        return List.copyOf(all);
    }

    private static ColoRequirement.Root returns(String command) {
        return new ColoRequirement.Root(ColoRequirement.Root.Kind.RETURNS, command);
    }

    private static ColoRequirement.Root arguments(String command) {
        return new ColoRequirement.Root(ColoRequirement.Root.Kind.ARGUMENTS, command);
    }

    public static ColoSupport check(QmpIntrospection introspection) {
        return check(introspection.greeting(), introspection.schema(), policy(introspection.unstableInput()));
    }

    public static ColoSupport check(QmpGreeting greeting, QmpSchema schema, ColoSupport.UnstableInput unstable) {
        List<String> missing = new ArrayList<>();
        Set<String> unusable = new LinkedHashSet<>();
        boolean rejectsUnstable = unstable == ColoSupport.UnstableInput.REJECTED;
        for (ColoRequirement requirement : REQUIREMENTS) {
            Optional<String> shortfall = shortfall(requirement, greeting, schema, rejectsUnstable);
            if (shortfall.isPresent()) {
                missing.add(shortfall.get());
                if (requirement instanceof ColoRequirement.Command c) {
                    unusable.add(c.name());
                }
            }
        }
        return new ColoSupport(greeting.version().toString(), missing, unusable, unstable);
    }

    private static Optional<String> shortfall(ColoRequirement requirement, QmpGreeting greeting, QmpSchema schema,
                                              boolean rejectsUnstable) {
        if (requirement instanceof ColoRequirement.Command c) {
            Optional<QmpSchema.Command> command = schema.command(c.name());
            if (command.isEmpty()) {
                return Optional.of(c.what());
            }
            if (rejectsUnstable && command.get().features().contains("unstable")) {
                return Optional.of(c.what() + REFUSED);
            }
            return c.outOfBand() && !command.get().allowOob()
                    ? Optional.of(c.what() + ": QEMU does not allow it out of band") : Optional.empty();
        }
        if (requirement instanceof ColoRequirement.Event e) {
            return schema.event(e.name()).isPresent() ? Optional.empty() : Optional.of(e.what());
        }
        if (requirement instanceof ColoRequirement.GreetingCapability g) {
            return greeting.offers(g.name()) ? Optional.empty() : Optional.of(g.what());
        }
        if (requirement instanceof ColoRequirement.Member m) {
            Optional<QmpSchema.Member> member = member(schema, m.root(), m.path());
            if (member.isEmpty()) {
                return Optional.of(m.what());
            }
            return refusedInput(m.root(), member.get().features(), rejectsUnstable)
                    ? Optional.of(m.what() + REFUSED) : Optional.empty();
        }
        ColoRequirement.EnumValues v = (ColoRequirement.EnumValues) requirement;
        Optional<List<QmpSchema.EnumValue>> values = member(schema, v.root(), v.path())
                .flatMap(m -> schema.enumValues(m.type()));
        if (values.isEmpty()) {
            return Optional.of(v.root().label() + " " + String.join(".", v.path()));
        }
        List<String> absent = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String wanted : new TreeSet<>(v.values())) {
            Optional<QmpSchema.EnumValue> value = values.get().stream().filter(x -> x.name().equals(wanted))
                    .findFirst();
            if (value.isEmpty()) {
                absent.add(wanted);
            } else if (refusedInput(v.root(), value.get().features(), rejectsUnstable)) {
                refused.add(wanted);
            }
        }
        List<String> parts = new ArrayList<>();
        String where = v.root().label() + " " + String.join(".", v.path());
        if (!absent.isEmpty()) {
            parts.add(where + " value" + (absent.size() == 1 ? " " : "s ") + String.join(", ", absent));
        }
        if (!refused.isEmpty()) {
            parts.add(where + " value" + (refused.size() == 1 ? " " : "s ") + String.join(", ", refused) + REFUSED);
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    /** Unstable input is refused; unstable output (a reply, an event) is only hidden by another policy. */
    private static boolean refusedInput(ColoRequirement.Root root, Set<String> features, boolean rejectsUnstable) {
        return rejectsUnstable && root.kind() == ColoRequirement.Root.Kind.ARGUMENTS && features.contains("unstable");
    }

    private static Optional<QmpSchema.Member> member(QmpSchema schema, ColoRequirement.Root root, List<String> path) {
        Optional<String> type;
        switch (root.kind()) {
            case ARGUMENTS:
                type = schema.command(root.name()).map(QmpSchema.Command::argType);
                break;
            case RETURNS:
                type = schema.command(root.name()).map(QmpSchema.Command::retType);
                break;
            case EVENT_DATA:
            default:
                type = schema.event(root.name()).map(QmpSchema.Event::argType);
        }
        return type.flatMap(t -> schema.member(t, path));
    }

    private static ColoSupport.UnstableInput policy(QmpIntrospection.UnstableInput input) {
        return ColoSupport.UnstableInput.valueOf(input.name());
    }
}
