package org.coloconsole.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTest {

    @Test
    void readsTcpAndUnix() {
        assertThat(Endpoint.parse("tcp:127.0.0.1:4444")).isEqualTo(new Endpoint.Tcp("127.0.0.1", 4444));
        assertThat(Endpoint.parse(" unix:/run/colo/primary.sock ")).isEqualTo(new Endpoint.Unix(Path.of("/run/colo/primary.sock")));
        assertThat(Endpoint.parse("tcp:[::1]:4444")).isEqualTo(new Endpoint.Tcp("::1", 4444));
        assertThat(Endpoint.parse("tcp:localhost:1")).isEqualTo(new Endpoint.Tcp("localhost", 1));
    }

    @Test
    void textReadsBack() {
        for (String text : new String[] {"tcp:127.0.0.1:4444", "unix:/tmp/q.sock", "tcp:[::1]:65535"}) {
            assertThat(Endpoint.parse(text).text()).isEqualTo(text);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|an endpoint is required",
        "127.0.0.1:4444|unknown transport '127.0.0.1'",
        "localhost|has no transport",
        "udp:1.2.3.4:5|unknown transport 'udp'",
        "tcp:127.0.0.1|has no port",
        "tcp::4444|has no host",
        "tcp:127.0.0.1:http|port 'http' is not a number",
        "tcp:127.0.0.1:0|outside 1-65535",
        "tcp:127.0.0.1:70000|outside 1-65535",
        "tcp:::1:4444|IPv6 host in brackets",
        "tcp:[::1:4444|IPv6 host as tcp:[ADDRESS]:PORT",
        "unix:|has no socket path",
    })
    void badStringsSayWhatIsWrong(String text, String expected) {
        assertThatThrownBy(() -> Endpoint.parse(text))
                .isInstanceOf(EndpointFormatException.class)
                .hasMessageContaining(expected);
    }
}
