package org.coloconsole.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fixture itself: links that carry traffic until cut, and cleanup of what dead owners left. */
class NetworkNamespaceTest {

    @Test
    void leftoversOfADeadOwnerAreRemovedAndALiveOwnersAreKept() throws Exception {
        Needs.satisfied(NetworkNamespace.unavailableBecause().map(why -> "no network namespaces here: " + why));
        long dead = deadPid();
        String leftover = "cc-" + dead + "-0";
        String leftoverVeth = "cc" + dead + "x0L";
        try (NetworkNamespace live = NetworkNamespace.create(1)) {
            run("ip", "netns", "add", leftover);
            run("ip", "link", "add", leftoverVeth, "type", "veth", "peer", "name", "cc" + dead + "x0N");
            NetworkNamespace.removeLeftoversOfDeadOwners();
            assertThat(run("ip", "netns", "list")).doesNotContain(leftover).contains(live.name());
            assertThat(run("ip", "-o", "link", "show")).doesNotContain(leftoverVeth)
                    .contains(live.link(0).rootDevice());
        } finally {
            run("ip", "netns", "del", leftover);
            run("ip", "link", "del", leftoverVeth);
        }
    }

    @Test
    void aCutLinkCarriesNothingUntilHealed() throws Exception {
        Needs.satisfied(NetworkNamespace.unavailableBecause().map(why -> "no network namespaces here: " + why));
        String name;
        String device;
        try (NetworkNamespace ns = NetworkNamespace.create(1)) {
            name = ns.name();
            device = ns.link(0).rootDevice();
            String address = ns.link(0).namespaceAddress();
            assertThat(address).startsWith("10.213.").isNotEqualTo(ns.link(0).rootAddress());
            // the second host of its /30 (the root end is the first)
            assertThat(Integer.parseInt(address.substring(address.lastIndexOf('.') + 1)) % 4).isEqualTo(2);
            // a veth just set up needs a moment (carrier, the first ARP) on a loaded machine, as after a heal below
            await("reachable").atMost(Duration.ofSeconds(15)).until(() -> reaches(address));
            ns.cut(0);
            assertThat(reaches(address)).as("cut").isFalse();
            ns.heal(0);
            // a veth just set up needs a moment (carrier, a fresh ARP after the failed ones) on a loaded machine
            await("healed").atMost(Duration.ofSeconds(15)).until(() -> reaches(address));
        }
        assertThat(run("ip", "netns", "list")).doesNotContain(name);
        assertThat(run("ip", "-o", "link", "show")).doesNotContain(device);
    }

    /**
     * Nothing listens there, so a link that carries traffic answers a connect with an RST at once (refused); a cut
     * one answers nothing, and the connect times out.
     */
    private static boolean reaches(String address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, 4999), 1000);
            throw new IllegalStateException("something listens on " + address + ":4999");
        } catch (ConnectException refused) {
            return true;
        } catch (SocketTimeoutException silence) {
            return false;
        }
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(5, TimeUnit.SECONDS);
        return p.pid();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
