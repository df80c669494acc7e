package org.coloconsole.app.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.coloconsole.colo.Side;
import org.coloconsole.engine.AutoFailoverSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile's automatic failover and fence actions: off by default, saved and read back, bad input said. */
class AutoFailoverProfileTest {
    @TempDir
    Path home;

    private static ConnectionProfile plain() {
        return new ConnectionProfile("lab", "unix:/run/p.sock", "unix:/run/s.sock", 250, 3, 3000, null);
    }

    @Test
    void aProfileThatSaysNothingLeavesItOff() {
        AutoFailoverSetup setup = plain().autoFailoverSetup();
        assertThat(setup.enabled()).isFalse();
        assertThat(setup.fences()).isEmpty();
    }

    @Test
    void theSettingAndItsFenceSurviveSavingLoadingAndTheFormsWithers() throws Exception {
        AutoFailoverProfile auto = new AutoFailoverProfile(true, 1500L, new AutoFailoverProfile.Fence(
                List.of("/run/lab/fence_colo_lab"), Map.of("plug", "primary"), 7000L), null);
        ConnectionProfile p = plain();
        ConnectionProfile withAuto = new ConnectionProfile(p.name(), p.primary(), p.secondary(), p.intervalMs(),
                p.misses(), p.pingTimeoutMs(), null, null, null, null, false, null, auto, null);
        ProfileStore store = new ProfileStore(home.resolve("profiles.json"));
        store.save(withAuto);
        store.markUsed("lab", java.time.Instant.parse("2026-12-02T10:00:00Z"));

        ConnectionProfile back = store.list().get(0);
        assertThat(back.autoFailover()).isEqualTo(auto);
        AutoFailoverSetup setup = back.withSecurity(null, null, null, false).autoFailoverSetup();
        assertThat(setup.enabled()).isTrue();
        assertThat(setup.grace()).isEqualTo(Duration.ofMillis(1500));
        assertThat(setup.fences()).containsOnlyKeys(Side.PRIMARY);
        assertThat(setup.fences().get(Side.PRIMARY).timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(setup.fences().get(Side.PRIMARY).options()).containsEntry("plug", "primary");
        assertThat(Files.readString(home.resolve("profiles.json"))).contains("\"autoFailover\"");
    }

    @Test
    void aProfileWithoutItIsWrittenWithoutIt() throws Exception {
        ProfileStore store = new ProfileStore(home.resolve("profiles.json"));
        store.save(plain());
        assertThat(Files.readString(home.resolve("profiles.json"))).doesNotContain("autoFailover");
    }

    @Test
    void aFenceWithoutACommandOrWithAnActionOptionIsRefusedWithASentence() {
        AutoFailoverProfile noCommand = new AutoFailoverProfile(true, null,
                new AutoFailoverProfile.Fence(List.of(), Map.of(), null), null);
        assertThatThrownBy(noCommand::setup).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("autoFailover.fencePrimary: a fence action needs a command");
        AutoFailoverProfile action = new AutoFailoverProfile(true, null, null,
                new AutoFailoverProfile.Fence(List.of("/x"), Map.of("action", "reboot"), null));
        assertThatThrownBy(action::setup).hasMessageContaining("autoFailover.fenceSecondary")
                .hasMessageContaining("\"action\" is the console's to set");
    }
}
