package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.coloconsole.qmp.QmpSchema;

/**
 * Over both recorded schemas: take out anything a requirement names and the check says so (and the command becomes
 * unusable); take out a command or event the console does not use and nothing changes.
 */
class ColoSupportCheckPropertyTest {
    private static final Map<String, RecordedSchema> RECORDED = RecordedSchema.VERSIONS.stream()
            .collect(Collectors.toMap(v -> v, RecordedSchema::load));

    @Provide
    Arbitrary<String> versions() {
        return Arbitraries.of(RecordedSchema.VERSIONS);
    }

    @Provide
    Arbitrary<ColoRequirement> requirements() {
        return Arbitraries.of(ColoSupportCheck.REQUIREMENTS);
    }

    @Property(tries = 300)
    void takingOutWhatARequirementNamesIsReported(@ForAll("versions") String version,
                                                  @ForAll("requirements") ColoRequirement requirement,
                                                  @ForAll("indices") int pick) {
        RecordedSchema recorded = RECORDED.get(version);
        QmpSchema schema = recorded.schema();
        RecordedSchema broken;
        String expected;
        if (requirement instanceof ColoRequirement.Command c) {
            broken = recorded.without(c.name());
            expected = c.what();
        } else if (requirement instanceof ColoRequirement.Event e) {
            broken = recorded.without(e.name());
            expected = e.what();
        } else if (requirement instanceof ColoRequirement.GreetingCapability g) {
            broken = recorded.withGreetingCapabilities(Set.of());
            expected = g.what();
        } else if (requirement instanceof ColoRequirement.Member m) {
            String owner = owner(schema, parentType(schema, m.root(), m.path()), last(m.path()));
            broken = recorded.withoutMember(owner, last(m.path()));
            expected = m.what();
        } else {
            ColoRequirement.EnumValues v = (ColoRequirement.EnumValues) requirement;
            List<String> values = v.values().stream().sorted().toList();
            String value = values.get(Math.floorMod(pick, values.size()));
            String enumType = enumType(schema, schema.member(rootType(schema, v.root()), v.path()).orElseThrow()
                    .type());
            broken = recorded.withoutEnumValue(enumType, value);
            expected = v.root().label() + " " + String.join(".", v.path()) + " value " + value;
        }

        ColoSupport support = ColoSupportCheck.check(broken.greeting(), broken.schema(),
                ColoSupport.UnstableInput.ACCEPTED);

        assertThat(support.ok()).isFalse();
        assertThat(support.missing()).contains(expected);
        if (requirement instanceof ColoRequirement.Command c) {
            assertThat(support.canSend(c.name())).isFalse();
        }
    }

    @Property(tries = 200)
    void takingOutWhatTheConsoleDoesNotUseChangesNothing(@ForAll("versions") String version,
                                                         @ForAll("indices") int pick) {
        RecordedSchema recorded = RECORDED.get(version);
        QmpSchema schema = recorded.schema();
        Set<String> used = ColoSupportCheck.REQUIREMENTS.stream().map(ColoSupportCheckPropertyTest::entityNamed)
                .collect(Collectors.toSet());
        List<String> unused = java.util.stream.Stream.concat(schema.commandNames().stream(),
                schema.eventNames().stream()).filter(n -> !used.contains(n)).sorted().toList();
        String name = unused.get(Math.floorMod(pick, unused.size()));

        ColoSupport support = ColoSupportCheck.check(recorded.greeting(), recorded.without(name).schema(),
                ColoSupport.UnstableInput.ACCEPTED);

        assertThat(support.missing()).as("without " + name).isEmpty();
    }

    @Provide
    Arbitrary<Integer> indices() {
        return Arbitraries.integers().between(0, 10_000);
    }

    /** The command or event a requirement hangs on. */
    private static String entityNamed(ColoRequirement requirement) {
        if (requirement instanceof ColoRequirement.Command c) {
            return c.name();
        }
        if (requirement instanceof ColoRequirement.Event e) {
            return e.name();
        }
        if (requirement instanceof ColoRequirement.Member m) {
            return m.root().name();
        }
        if (requirement instanceof ColoRequirement.EnumValues v) {
            return v.root().name();
        }
        return "";
    }

    private static String rootType(QmpSchema schema, ColoRequirement.Root root) {
        switch (root.kind()) {
            case ARGUMENTS:
                return schema.command(root.name()).orElseThrow().argType();
            case RETURNS:
                return schema.command(root.name()).orElseThrow().retType();
            default:
                return schema.event(root.name()).orElseThrow().argType();
        }
    }

    /** The type whose member the path's last step names. */
    private static String parentType(QmpSchema schema, ColoRequirement.Root root, List<String> path) {
        String type = rootType(schema, root);
        for (String step : path.subList(0, path.size() - 1)) {
            type = schema.member(type, step).orElseThrow().type();
        }
        return type;
    }

    /** The object type that declares {@code member}: {@code type} itself (or its element), or one of its variants. */
    private static String owner(QmpSchema schema, String type, String member) {
        String object = enumType(schema, type);
        QmpSchema.ObjectType declared = (QmpSchema.ObjectType) schema.type(object).orElseThrow();
        if (declared.members().stream().anyMatch(m -> m.name().equals(member))) {
            return object;
        }
        return declared.variants().values().stream()
                .filter(v -> ((QmpSchema.ObjectType) schema.type(v).orElseThrow()).members().stream()
                        .anyMatch(m -> m.name().equals(member)))
                .findFirst().orElseThrow();
    }

    /** An array's element type, else the type itself. */
    private static String enumType(QmpSchema schema, String type) {
        QmpSchema.Type t = schema.type(type).orElseThrow();
        return t instanceof QmpSchema.ArrayType a ? a.elementType() : type;
    }

    private static String last(List<String> path) {
        return path.get(path.size() - 1);
    }
}
