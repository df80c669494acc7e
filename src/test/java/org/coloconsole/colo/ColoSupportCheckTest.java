package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.coloconsole.qmp.QmpSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The schema self-test on what real QEMU 7.2.22 and 10.0.2 said (recorded beside this class). */
class ColoSupportCheckTest {

    private static ColoSupport check(RecordedSchema recorded, ColoSupport.UnstableInput unstable) {
        return ColoSupportCheck.check(recorded.greeting(), recorded.schema(), unstable);
    }

    @ParameterizedTest(name = "QEMU {0}")
    @ValueSource(strings = {"7.2.22", "10.0.2"})
    void bothVersionsOfferEverythingTheConsoleRelies(String version) {
        ColoSupport support = check(RecordedSchema.load(version), ColoSupport.UnstableInput.ACCEPTED);

        assertThat(support.missing()).isEmpty();
        assertThat(support.ok()).isTrue();
        assertThat(support.summary()).isEqualTo("ok");
        assertThat(support.qemuVersion()).isEqualTo(version);
        assertThat(support.canSend("x-colo-lost-heartbeat")).isTrue();
    }

    @ParameterizedTest(name = "QEMU {0}")
    @ValueSource(strings = {"7.2.22", "10.0.2"})
    void unstableInputRejectedTakesAwayLostHeartbeatXColoAndTheCheckpointDelay(String version) {
        ColoSupport support = check(RecordedSchema.load(version), ColoSupport.UnstableInput.REJECTED);

        String refused = " (refused by -compat unstable-input=reject)";
        assertThat(support.missing()).containsExactly(
                "command x-colo-lost-heartbeat" + refused,
                "migrate-set-capabilities argument capabilities.capability value x-colo" + refused,
                "migrate-set-parameters argument x-checkpoint-delay" + refused);
        assertThat(support.unusableCommands()).containsExactly("x-colo-lost-heartbeat");
        assertThat(support.canSend("stop")).isTrue();
        assertThat(support.summary()).startsWith("missing command x-colo-lost-heartbeat (refused by");
    }

    @ParameterizedTest(name = "QEMU {0}")
    @ValueSource(strings = {"7.2.22", "10.0.2"})
    void anUnknownPolicyIsNotAShortfall(String version) {
        assertThat(check(RecordedSchema.load(version), ColoSupport.UnstableInput.UNKNOWN).ok()).isTrue();
    }

    /** What changed from 7.2 to 10.0 around what the console uses, and that none of it is required. */
    @Test
    void theSchemaChangesFrom72To100AreTolerated() {
        QmpSchema old = RecordedSchema.load("7.2.22").schema();
        QmpSchema now = RecordedSchema.load("10.0.2").schema();

        assertThat(member(old, "query-status", "singlestep")).isTrue();
        assertThat(member(now, "query-status", "singlestep")).isFalse();
        assertThat(capabilities(old)).contains("compress", "block", "zero-blocks", "x-colo");
        assertThat(capabilities(now)).doesNotContain("compress", "block").contains("zero-blocks", "x-colo");
        assertThat(capabilityFeatures(now, "zero-blocks")).containsExactly("deprecated");
        assertThat(capabilityFeatures(now, "x-colo")).containsExactly("unstable");
        assertThat(capabilityFeatures(old, "x-colo")).containsExactly("unstable");
        assertThat(statusValues(now)).contains("postcopy-recover-setup", "colo", "device");
        assertThat(statusValues(old)).doesNotContain("postcopy-recover-setup");
        QmpSchema.Command migrate72 = old.command("migrate").orElseThrow();
        QmpSchema.Command migrate100 = now.command("migrate").orElseThrow();
        assertThat(old.member(migrate72.argType(), "blk")).isPresent();
        assertThat(now.member(migrate100.argType(), "blk")).isEmpty();
        assertThat(old.member(migrate72.argType(), "uri").orElseThrow().optional()).isFalse();
        assertThat(now.member(migrate100.argType(), "uri").orElseThrow().optional()).isTrue();
        assertThat(now.member(migrate100.argType(), "channels")).isPresent();
        assertThat(old.member(old.command("query-migrate").orElseThrow().retType(), "disk")).isPresent();
        assertThat(now.member(now.command("query-migrate").orElseThrow().retType(), "disk")).isEmpty();
        // unchanged: the out-of-band commands and the unstable lost-heartbeat
        for (QmpSchema schema : List.of(old, now)) {
            for (String oob : List.of("yank", "query-yank", "migrate-pause", "migrate-recover")) {
                assertThat(schema.command(oob).orElseThrow().allowOob()).as(oob).isTrue();
            }
            assertThat(schema.command("x-colo-lost-heartbeat").orElseThrow().features()).containsExactly("unstable");
        }
    }

    @ParameterizedTest(name = "QEMU {0}")
    @ValueSource(strings = {"7.2.22", "10.0.2"})
    void aGreetingWithoutOobIsAShortfall(String version) {
        RecordedSchema recorded = RecordedSchema.load(version).withGreetingCapabilities(Set.of());

        assertThat(check(recorded, ColoSupport.UnstableInput.ACCEPTED).missing())
                .containsExactly("greeting capability oob");
    }

    @ParameterizedTest(name = "QEMU {0}")
    @ValueSource(strings = {"7.2.22", "10.0.2"})
    void aMissingEnumValueIsNamed(String version) {
        RecordedSchema recorded = RecordedSchema.load(version);
        QmpSchema schema = recorded.schema();
        String reasonType = schema.member(schema.event("COLO_EXIT").orElseThrow().argType(), "reason")
                .orElseThrow().type();

        ColoSupport support = check(recorded.withoutEnumValue(reasonType, "request"),
                ColoSupport.UnstableInput.ACCEPTED);

        // the same enum type serves query-colo-status's reply
        assertThat(support.missing()).containsExactly("COLO_EXIT reason value request",
                "query-colo-status reply member reason value request");
        assertThat(support.unusableCommands()).isEmpty();
    }

    private static boolean member(QmpSchema schema, String command, String member) {
        return schema.member(schema.command(command).orElseThrow().retType(), member).isPresent();
    }

    private static List<String> capabilities(QmpSchema schema) {
        return capabilityValues(schema).stream().map(QmpSchema.EnumValue::name).toList();
    }

    private static Set<String> capabilityFeatures(QmpSchema schema, String capability) {
        return capabilityValues(schema).stream().filter(v -> v.name().equals(capability)).findFirst().orElseThrow()
                .features();
    }

    private static List<QmpSchema.EnumValue> capabilityValues(QmpSchema schema) {
        String args = schema.command("migrate-set-capabilities").orElseThrow().argType();
        String type = schema.member(args, List.of("capabilities", "capability")).orElseThrow().type();
        return schema.enumValues(type).orElseThrow();
    }

    private static List<String> statusValues(QmpSchema schema) {
        String data = schema.event("MIGRATION").orElseThrow().argType();
        return schema.enumValues(schema.member(data, "status").orElseThrow().type()).orElseThrow().stream()
                .map(QmpSchema.EnumValue::name).toList();
    }
}
