package org.coloconsole.app.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.coloconsole.colo.ServiceProbe;
import org.coloconsole.colo.ServiceProbes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile's service probes: saved and read back, each problem a sentence, an older profile still loads. */
class ProfileProbesTest {
    @TempDir
    Path dir;

    private static ConnectionProfile pair() {
        return new ConnectionProfile("web", "tcp:127.0.0.1:4444", "tcp:127.0.0.1:4445", 250, 3, 3000, null);
    }

    @Test
    void probesAreSavedAndReadBackAsTheEngineRunsThem() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("profiles.json"));
        store.save(pair().withProbes(new ProfileProbes("http://127.0.0.1:8080/health", 204, "tcp:127.0.0.1:22",
                null, false)));

        ServiceProbes probes = store.find("web").orElseThrow().serviceProbes();

        assertThat(probes.primary()).contains(new ServiceProbe.Http("127.0.0.1", 8080, "/health", 204));
        assertThat(probes.secondary()).contains(new ServiceProbe.Tcp("127.0.0.1", 22));
        assertThat(probes.allowRemote()).isFalse();
        assertThat(Files.readString(store.file())).contains("\"probes\"", "\"primaryStatus\" : 204");
    }

    @Test
    void aProfileWithoutProbesIsWrittenWithoutThemAndAnOlderProfileLoadsWithNone() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("profiles.json"));
        store.save(pair().withProbes(new ProfileProbes(" ", null, "", null, false)));

        assertThat(Files.readString(store.file())).doesNotContain("probes");
        assertThat(store.find("web").orElseThrow().serviceProbes()).isEqualTo(ServiceProbes.none());
    }

    @Test
    void eachProblemIsASentenceBesideItsField() {
        ProbeProblems p = ProbeProblems.find("htp://x", "abc", "tcp:10.0.0.2:22", "204", false);

        assertThat(p.primary()).startsWith("The primary's probe \"htp://x\" is not a probe: write tcp:HOST:PORT")
                .endsWith(".");
        assertThat(p.primaryStatus()).isEqualTo("The expected status must be a number, e.g. 200.");
        assertThat(p.secondary()).isEqualTo("The secondary's probe goes to 10.0.0.2, which is not loopback: tick \""
                + ProbeProblems.REMOTE_CHOICE + "\" to let the console reach it.");
        assertThat(p.secondaryStatus())
                .isEqualTo("A tcp: probe only connects and reads no status: leave the expected status empty.");
        assertThat(ProbeProblems.find("", "700", "", "200", false))
                .isEqualTo(new ProbeProblems("", "The expected status must be an HTTP status, from 100 to 599.", "",
                        "An expected status needs an http:// probe beside it."));
        assertThat(ProbeProblems.find("tcp:10.0.0.2:22", "", "http://[::1]:80/", "", true).first()).isEmpty();
    }

    @Test
    void aStoredProfileWithABadProbeIsRefusedWithTheSentenceWhenOpenedAndKeptAsWritten() throws Exception {
        Path file = dir.resolve("profiles.json");
        Files.writeString(file, "{\"version\":1,\"profiles\":[{\"name\":\"web\",\"primary\":\"tcp:127.0.0.1:4444\","
                + "\"secondary\":\"tcp:127.0.0.1:4445\",\"intervalMs\":250,\"misses\":3,\"pingTimeoutMs\":3000,"
                + "\"probes\":{\"primary\":\"http://10.1.1.1/health\"}}]}");
        ProfileStore store = new ProfileStore(file);

        ConnectionProfile loaded = store.find("web").orElseThrow();

        assertThat(loaded.probes().primary()).isEqualTo("http://10.1.1.1/health");
        assertThatThrownBy(loaded::serviceProbes).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("goes to 10.1.1.1, which is not loopback");
    }
}
