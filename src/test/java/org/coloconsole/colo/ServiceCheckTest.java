package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ServiceCheckTest {
    private static final Optional<ServiceProbe> HTTP = ServiceProbe.parse("http://127.0.0.1:8080/cgi-bin/status");

    @Test
    void probesAreReadAsWritten() {
        assertThat(ServiceProbe.parse("tcp:127.0.0.1:22")).contains(new ServiceProbe.Tcp("127.0.0.1", 22));
        assertThat(ServiceProbe.parse("tcp:[::1]:22")).contains(new ServiceProbe.Tcp("::1", 22));
        assertThat(HTTP).contains(new ServiceProbe.Http("127.0.0.1", 8080, "/cgi-bin/status", 200));
        assertThat(ServiceProbe.parse("http://localhost/", 204))
                .contains(new ServiceProbe.Http("localhost", 80, "/", 204));
        assertThat(ServiceProbe.parse("https://x/")).isEmpty();
        assertThat(ServiceProbe.problem("tcp:host:99999")).contains("out of range");
        assertThat(ServiceProbe.problem("tcp:127.0.0.1:22")).isEmpty();
    }

    @Test
    void withoutAProbeTheServiceIsNotChecked() {
        assertThat(ServiceCheck.judge(Optional.empty(), List.of()).verdict()).isEqualTo(ServiceCheck.Verdict.NOT_CHECKED);
        assertThat(ServiceCheck.judge(Optional.empty(), List.of()).sentence()).startsWith("QEMU runs; service not checked");
    }

    @Test
    void aDiskCounterMustAdvance() {
        assertThat(ServiceCheck.judge(HTTP, List.of(pass(5), fail(), pass(5))).verdict())
                .isEqualTo(ServiceCheck.Verdict.NOT_YET);
        assertThat(ServiceCheck.judge(HTTP, List.of(fail(), pass(5), pass(7))).verdict())
                .isEqualTo(ServiceCheck.Verdict.SERVING);
        assertThat(ServiceCheck.judge(HTTP, List.of(fail())).verdict()).isEqualTo(ServiceCheck.Verdict.NOT_YET);
        assertThat(ServiceCheck.judge(HTTP, List.of()).verdict()).isEqualTo(ServiceCheck.Verdict.NOT_YET);
    }

    @Test
    void aProbeWithoutACounterPassesOnItsFirstAnswer() {
        ProbeResult plain = new ProbeResult(Side.PRIMARY, Instant.EPOCH, ProbeResult.Outcome.PASSED, "200",
                OptionalLong.empty(), Duration.ZERO);
        assertThat(ServiceCheck.judge(HTTP, List.of(fail(), plain)).verdict()).isEqualTo(ServiceCheck.Verdict.SERVING);
    }

    @Test
    void theDiskLine() {
        assertThat(ProbeResult.diskLine("counter 12\ndisk 11\nerrors 0\n")).hasValue(11);
        assertThat(ProbeResult.diskLine("disk \n")).isEmpty();
    }

    private static ProbeResult pass(long disk) {
        return new ProbeResult(Side.PRIMARY, Instant.EPOCH, ProbeResult.Outcome.PASSED, "200", OptionalLong.of(disk),
                Duration.ZERO);
    }

    private static ProbeResult fail() {
        return new ProbeResult(Side.PRIMARY, Instant.EPOCH, ProbeResult.Outcome.FAILED, "connection refused",
                OptionalLong.empty(), Duration.ZERO);
    }
}
