package org.coloconsole.app.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.coloconsole.app.TransportSecurity;
import org.coloconsole.qmp.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
    @TempDir
    Path home;

    private ConnectionProfile profile(String name) {
        return new ConnectionProfile(name, "tcp:127.0.0.1:4444", "unix:/run/colo/" + name + ".sock", 250, 3, 3000,
                null);
    }

    @Test
    void liveInTheXdgConfigDirOrUnderHomeDotConfig() {
        assertThat(ProfileStore.inConfigDir(Map.of("XDG_CONFIG_HOME", "/x/cfg", "HOME", "/h")).file())
                .isEqualTo(Path.of("/x/cfg/colo-console/profiles.json"));
        assertThat(ProfileStore.inConfigDir(Map.of("HOME", "/h")).file())
                .isEqualTo(Path.of("/h/.config/colo-console/profiles.json"));
        // the XDG spec says a relative value is invalid and must be ignored
        assertThat(ProfileStore.inConfigDir(Map.of("XDG_CONFIG_HOME", "rel", "HOME", "/h")).file())
                .isEqualTo(Path.of("/h/.config/colo-console/profiles.json"));
    }

    @Test
    void savedProfilesComeBackFromAFileOnlyTheOwnerCanRead() throws IOException {
        ProfileStore store = ProfileStore.inConfigDir(Map.of("XDG_CONFIG_HOME", home.toString()));
        store.save(profile("rack-a"));
        store.save(profile("rack-b"));

        ProfileStore reopened = new ProfileStore(store.file());
        assertThat(reopened.list()).extracting(ConnectionProfile::name).containsExactly("rack-a", "rack-b");
        assertThat(reopened.find("rack-b")).hasValue(profile("rack-b"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(store.file())).contains("\"primary\" : \"tcp:127.0.0.1:4444\"");
    }

    @Test
    void savingUnderAnExistingNameReplacesItAndDeleteRemovesIt() throws IOException {
        ProfileStore store = new ProfileStore(home.resolve("p/profiles.json"));
        store.save(profile("rack-a"));
        store.save(new ConnectionProfile("rack-a", "tcp:10.0.0.9:4444", "tcp:10.0.0.10:4444", 500, 4, 2000, null));
        assertThat(store.list()).singleElement().extracting(ConnectionProfile::intervalMs).isEqualTo(500L);
        store.delete("rack-a");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void recentListsTheUsedProfilesNewestFirst() throws IOException {
        ProfileStore store = new ProfileStore(home.resolve("profiles.json"));
        store.save(profile("a"));
        store.save(profile("b"));
        store.save(profile("never-used"));
        store.markUsed("a", Instant.parse("2026-11-25T20:00:00Z"));
        store.markUsed("b", Instant.parse("2026-11-25T20:00:00.500Z"));

        assertThat(store.recent(5)).extracting(ConnectionProfile::name).containsExactly("b", "a");
        assertThat(store.recent(1)).extracting(ConnectionProfile::name).containsExactly("b");
    }

    @Test
    void aDamagedFileIsASentenceNamingTheFile() throws IOException {
        Path file = home.resolve("profiles.json");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> new ProfileStore(file).list()).isInstanceOf(IOException.class)
                .hasMessageStartingWith("The profiles file " + file + " cannot be read");
    }

    @Test
    void aProfileTurnsIntoEndpointsAndHeartbeatSettingsOrSaysWhatIsWrong() {
        ConnectionProfile p = profile("rack-a");
        assertThat(p.endpoints().primary().toString()).isEqualTo("tcp:127.0.0.1:4444");
        assertThat(p.heartbeat().misses()).isEqualTo(3);
        assertThatThrownBy(() -> new ConnectionProfile("x", "tcp:nope", "unix:/a", 250, 3, 3000, null).endpoints())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tlsFilesAndAllowInsecureSurviveARoundTrip() throws IOException {
        // security() reads what the files hold, so they are real ones
        TestPki pki = TestPki.create(Files.createDirectories(home.resolve("pki")));
        Path ca = pki.ca();
        Path cert = pki.clientCertificate();
        Path key = pki.clientKey();
        ConnectionProfile tls = new ConnectionProfile("remote", "tls:10.0.0.1:4444", "tcp:10.0.0.2:4444", 250, 3, 3000,
                null, ca.toString(), cert.toString(), key.toString(), true);
        ProfileStore store = new ProfileStore(home.resolve("cfg/profiles.json"));
        store.save(tls);
        store.markUsed("remote", Instant.parse("2026-11-25T20:00:00Z"));

        ConnectionProfile back = new ProfileStore(store.file()).find("remote").orElseThrow();
        assertThat(back).isEqualTo(tls.usedAt(Instant.parse("2026-11-25T20:00:00Z")));
        assertThat(back.security().tls()).hasValueSatisfying(settings -> {
            assertThat(settings.caFile()).isEqualTo(ca);
            assertThat(settings.certificateFile()).isEqualTo(cert);
            assertThat(settings.keyFile()).isEqualTo(key);
        });
        assertThat(back.security().allowInsecure()).isTrue();
        assertThat(Files.readString(store.file())).contains("\"tlsCa\" : \"" + ca + "\"")
                .contains("\"allowInsecure\" : true");
    }

    @Test
    void aFileWrittenBeforeTlsExistedStillLoadsAsALoopbackOnlyProfile() throws IOException {
        Path file = home.resolve("profiles.json");
        // as the console wrote it before profiles had TLS fields, plus a field from some later console
        Files.writeString(file, """
                {
                  "version" : 1,
                  "profiles" : [ {
                    "name" : "old",
                    "primary" : "tcp:127.0.0.1:4444",
                    "secondary" : "unix:/run/colo/secondary.sock",
                    "intervalMs" : 250,
                    "misses" : 3,
                    "pingTimeoutMs" : 3000,
                    "lastUsed" : "2026-11-25T20:00:00Z",
                    "colour" : "teal"
                  } ]
                }
                """);
        ConnectionProfile old = new ProfileStore(file).find("old").orElseThrow();
        assertThat(old).isEqualTo(new ConnectionProfile("old", "tcp:127.0.0.1:4444", "unix:/run/colo/secondary.sock",
                250, 3, 3000, "2026-11-25T20:00:00Z"));
        assertThat(old.security()).isEqualTo(TransportSecurity.none());
    }

    @Test
    void aProfileWithoutTlsIsWrittenWithoutTlsFields() throws IOException {
        ProfileStore store = new ProfileStore(home.resolve("profiles.json"));
        store.save(profile("plain"));
        assertThat(Files.readString(store.file())).doesNotContain("tlsCa").doesNotContain("tlsKey")
                .contains("\"allowInsecure\" : false");
    }

    @Test
    void aStoredProfileThatCannotBeUsedSafelySaysWhyBeforeConnecting() {
        ConnectionProfile remotePlain = new ConnectionProfile("r", "tcp:192.0.2.1:4444", "unix:/b.sock", 250, 3, 3000,
                null);
        assertThatThrownBy(remotePlain::security).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tcp:192.0.2.1:4444 is not a loopback address");
        ConnectionProfile missingCa = remotePlain.withSecurity(home.resolve("gone.pem").toString(), null, null, true);
        assertThatThrownBy(missingCa::security).hasMessage("The CA file " + home.resolve("gone.pem") + " does not exist.");
    }

    @Test
    void aProfilesAlertCommandIsSavedAndARelativePathIsASentence() throws IOException {
        ProfileStore store = new ProfileStore(home.resolve("p/profiles.json"));
        store.save(profile("rack-a").withAlertCommand("/usr/local/bin/page-oncall"));

        ConnectionProfile back = new ProfileStore(store.file()).find("rack-a").orElseThrow();
        assertThat(back.alerting()).hasValueSatisfying(c ->
                assertThat(c.program()).isEqualTo(Path.of("/usr/local/bin/page-oncall")));
        assertThat(profile("rack-b").alerting()).isEmpty();
        assertThatThrownBy(() -> profile("rack-c").withAlertCommand("page-oncall").alerting())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the alert command must be an absolute path, not page-oncall");
    }
}
