package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coloconsole.qmp.QmpValue;
import org.junit.jupiter.api.Test;

/** Discovery answers recorded from a pair built as QEMU's guide builds it (test resources colo/topology). */
class TopologyDecoderTest {
    /** What {@code qom-get} answered for each link on that pair (an unset chardev property answers ""). */
    private static final Map<String, String> QOM_GETS = Map.ofEntries(
            Map.entry("comp0.outdev", "\"compare_out0\""), Map.entry("comp0.primary_in", "\"compare0-0\""),
            Map.entry("comp0.secondary_in", "\"compare1\""), Map.entry("comp0.iothread", "\"/objects/iothread1\""),
            Map.entry("m0.netdev", "\"hn0\""), Map.entry("m0.outdev", "\"mirror0\""),
            Map.entry("redire0.netdev", "\"hn0\""), Map.entry("redire0.indev", "\"compare_out\""),
            Map.entry("redire0.outdev", "\"\""), Map.entry("redire1.netdev", "\"hn0\""),
            Map.entry("redire1.indev", "\"\""), Map.entry("redire1.outdev", "\"compare0\""),
            Map.entry("f1.netdev", "\"hn0\""), Map.entry("f1.indev", "\"red0\""), Map.entry("f1.outdev", "\"\""),
            Map.entry("f2.netdev", "\"hn0\""), Map.entry("f2.indev", "\"\""), Map.entry("f2.outdev", "\"red1\""),
            Map.entry("rew0.netdev", "\"hn0\""));

    @Test
    void theGuidesPrimary() throws IOException {
        Topology t = decode("primary");
        QuorumDisk disk = t.disk().orElseThrow();
        assertThat(disk.device()).isEqualTo("colo-disk0");
        assertThat(disk.replicationToPeer()).map(QuorumDisk.Child::edge).contains("children.1");
        assertThat(disk.replicationToPeer()).map(QuorumDisk.Child::nodeName).contains("replication0");
        assertThat(disk.replicationToPeer().orElseThrow().nbd()).isPresent();
        assertThat(t.proxy()).extracting(ProxyObject::id)
                .containsExactlyInAnyOrder("comp0", "iothread1", "redire0", "m0", "redire1");
        ProxyObject compare = t.objects(ProxyKind.COLO_COMPARE).get(0);
        assertThat(compare.link(ProxyObject.Link.IOTHREAD)).contains("iothread1");
        assertThat(t.objects(ProxyKind.FILTER_REDIRECTOR).stream().filter(o -> o.id().equals("redire0")).findFirst()
                .orElseThrow().links()).isEqualTo(Map.of(ProxyObject.Link.NETDEV, "hn0", ProxyObject.Link.INDEV,
                "compare_out"));
        assertThat(t.exports()).isEmpty();
        assertThat(t.warnings(Side.PRIMARY)).isEmpty();
        assertThat(t.summary()).matches("disk: replicated via NBD to 127\\.0\\.0\\.1:\\d+ · network: compared");
        assertThat(t.chardev("mirror0")).map(SocketChardev::address).contains(Optional.of("tcp:127.0.0.1:21566"));
    }

    @Test
    void theGuidesSecondary() throws IOException {
        Topology t = decode("secondary");
        QuorumDisk disk = t.disk().orElseThrow();
        assertThat(disk.device()).isEqualTo("colo-disk0");
        assertThat(disk.replicationToPeer()).isEmpty();
        assertThat(disk.replica()).map(QuorumDisk.Child::edge).contains("children.0");
        assertThat(t.exports()).containsExactly(new BlockExport("parent0", "#block841", "nbd"));
        assertThat(t.warnings(Side.SECONDARY)).isEmpty();
        assertThat(t.summary())
                .isEqualTo("disk: replica, exported over NBD (parent0) · network: redirected from the primary, rewritten");
        assertThat(SurvivorCleanup.afterLostHeartbeat(Side.SECONDARY, t)).extracting(FailoverStep::command)
                .containsExactly("object-del", "object-del", "chardev-remove", "chardev-remove");
    }

    @Test
    void chardevFilenames() {
        assertThat(TopologyDecoder.chardev("red0", "disconnected:tcp:127.0.0.1:9703"))
                .isEqualTo(new SocketChardev("red0", Optional.of("tcp:127.0.0.1:9703"), false));
        assertThat(TopologyDecoder.chardev("compare1", "tcp:127.0.0.1:9704,server=on <-> 127.0.0.1:47548"))
                .isEqualTo(new SocketChardev("compare1", Optional.of("tcp:127.0.0.1:9704"), true, true,
                        Optional.of("127.0.0.1:47548")));
        assertThat(TopologyDecoder.chardev("serial0", "file"))
                .isEqualTo(new SocketChardev("serial0", Optional.empty(), false));
    }

    /** A connected client shows its own ephemeral port first: where it connects to is the peer. */
    @Test
    void aConnectedClientTargetsItsPeerAndADisconnectedOneItsConfiguredAddress() {
        assertThat(TopologyDecoder.chardev("red0", "tcp:127.0.0.1:47548 <-> 127.0.0.1:9703").target())
                .contains("tcp:127.0.0.1:9703");
        assertThat(TopologyDecoder.chardev("red0", "disconnected:tcp:127.0.0.1:9703").target())
                .contains("tcp:127.0.0.1:9703");
        assertThat(TopologyDecoder.chardev("mirror0", "tcp:127.0.0.1:9703,server=on <-> 127.0.0.1:47548").target())
                .contains("tcp:127.0.0.1:9703");
    }

    @Test
    void nbdNames() {
        assertThat(TopologyDecoder.nbdTarget("nbd://127.0.0.1:9799/parent0"))
                .contains(new QuorumDisk.NbdTarget("127.0.0.1", 9799, "parent0"));
    }

    private static Topology decode(String side) throws IOException {
        List<ProxyObject> proxy = new ArrayList<>();
        for (TopologyDecoder.Named named : TopologyDecoder.proxyObjects(read(side + "-qom-list"))) {
            Map<ProxyObject.Link, String> links = new java.util.EnumMap<>(ProxyObject.Link.class);
            for (ProxyObject.Link link : TopologyDecoder.linksOf(named.type().value())) {
                String answer = QOM_GETS.get(named.id() + "." + link.property());
                if (answer != null) {
                    TopologyDecoder.linkValue(QmpValue.parse(answer)).ifPresent(v -> links.put(link, v));
                }
            }
            proxy.add(new ProxyObject(named.id(), named.type(), links));
        }
        return TopologyDecoder.assemble(proxy, read(side + "-named-nodes"), read(side + "-graph"),
                read(side + "-exports"), read(side + "-chardev"));
    }

    private static QmpValue read(String name) throws IOException {
        try (InputStream in = TopologyDecoderTest.class.getResourceAsStream("topology/" + name + ".json")) {
            return QmpValue.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
