package org.coloconsole.colo;

import java.util.List;
import java.util.Set;

/**
 * One thing the console relies on a QEMU to offer over QMP, as {@code query-qmp-schema} shows it. Only what the
 * console sends or reads is listed: members QEMU 10.0 dropped or added beside them (query-status's
 * {@code singlestep}, the {@code compress} and {@code block} capabilities, migrate's {@code blk}/{@code inc},
 * query-migrate's {@code disk}) are none of its business.
 */
public sealed interface ColoRequirement {

    /** How an operator reads it on the card: "command x-colo-lost-heartbeat", "COLO_EXIT reason value error". */
    String what();

    /** A command; {@code outOfBand}: the console sends it with {@code exec-oob} (yank, when the link is stuck). */
    record Command(String name, boolean outOfBand) implements ColoRequirement {
        @Override
        public String what() {
            return "command " + name + (outOfBand ? " (out of band)" : "");
        }
    }

    record Event(String name) implements ColoRequirement {
        @Override
        public String what() {
            return "event " + name;
        }
    }

    /** A capability of the greeting ({@code oob}: without it {@code yank} cannot overtake a stuck command). */
    record GreetingCapability(String name) implements ColoRequirement {
        @Override
        public String what() {
            return "greeting capability " + name;
        }
    }

    /** Where a member path starts: a command's arguments or return value, or an event's data. */
    record Root(Kind kind, String name) {
        public enum Kind {
            ARGUMENTS,
            RETURNS,
            EVENT_DATA
        }

        String label() {
            switch (kind) {
                case ARGUMENTS:
                    return name + " argument";
                case RETURNS:
                    return name + " reply member";
                case EVENT_DATA:
                default:
                    return name;
            }
        }
    }

    /** A member (argument, reply field, event datum) at {@code path} below {@code root}. */
    record Member(Root root, List<String> path) implements ColoRequirement {
        public Member {
            path = List.copyOf(path);
        }

        @Override
        public String what() {
            return root.label() + " " + String.join(".", path);
        }
    }

    /** Values the enum at {@code path} below {@code root} must have (it may have more). */
    record EnumValues(Root root, List<String> path, Set<String> values) implements ColoRequirement {
        public EnumValues {
            path = List.copyOf(path);
            values = Set.copyOf(values);
        }

        @Override
        public String what() {
            return root.label() + " " + String.join(".", path) + " values";
        }
    }
}
