package org.coloconsole.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace of the test's own, joined to the machine's by veth links, each with a private /30 from
 * 10.213.0.0/16: the root end takes .1, the namespace end .2. A link can be cut and healed: {@link #cut} sets the
 * namespace end down, which drops every frame both ways without an RST or an ICMP — a pulled cable, not a dead
 * process. (netem's {@code loss 100%} would do the same, but the kernels this runs on do not all ship
 * {@code sch_netem}; link state needs nothing.)
 *
 * <p>Names carry the owner's pid ({@code cc-PID-N}, veths {@code ccPIDxNL}/{@code ccPIDxNN}), so that
 * {@link #removeLeftoversOfDeadOwners} removes what a crashed run left and nothing a live one uses. Needs root
 * (CAP_NET_ADMIN) and iproute2; {@link #unavailableBecause} says why not, for an assumption.
 */
public final class NetworkNamespace implements AutoCloseable {
    private static final String PREFIX = "cc-";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** One veth pair: {@code rootAddress} in the machine's namespace, {@code namespaceAddress} inside. */
    public record Link(String rootDevice, String namespaceDevice, String rootAddress, String namespaceAddress) {
    }

    private final String name;
    private final List<Link> links = new ArrayList<>();

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Why namespaces cannot be made here, or empty when they can. */
    public static Optional<String> unavailableBecause() {
        try {
            Result ip = run(List.of("ip", "netns", "list"));
            if (ip.status != 0) {
                return Optional.of("'ip netns list' failed (" + ip.output.strip() + ")");
            }
        } catch (IOException e) {
            return Optional.of("iproute2's 'ip' is not installed (apt-get install iproute2)");
        }
        String probe = PREFIX + ProcessHandle.current().pid() + "-probe";
        try {
            Result add = run(List.of("ip", "netns", "add", probe));
            if (add.status != 0) {
                return Optional.of("'ip netns add' is refused (needs root / CAP_NET_ADMIN): " + add.output.strip());
            }
            run(List.of("ip", "netns", "del", probe));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot run ip: " + e.getMessage());
        }
    }

    /** A fresh namespace with {@code linkCount} links, all up; deleted again if any step fails. */
    public static NetworkNamespace create(int linkCount) throws IOException {
        removeLeftoversOfDeadOwners();
        long pid = ProcessHandle.current().pid();
        int n = COUNTER.getAndIncrement();
        NetworkNamespace ns = new NetworkNamespace(PREFIX + pid + "-" + n);
        try {
            ns.ip("netns", "add", ns.name);
            ns.ip("-n", ns.name, "link", "set", "lo", "up");
            for (int k = 0; k < linkCount; k++) {
                ns.addLink(pid, n, k);
            }
            return ns;
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    private void addLink(long pid, int n, int k) throws IOException {
        // IFNAMSIZ is 16 with the NUL: "cc" + 7-digit pid + "x" + n + k + "L" stays within it for small n
        String base = "cc" + pid + "x" + Integer.toString(n * 4 + k, 36);
        Link link = new Link(base + "L", base + "N", null, null);
        int[] block = freeBlock(pid, n, k);
        String prefix = "10.213." + block[0] + ".";
        link = new Link(link.rootDevice(), link.namespaceDevice(), prefix + (block[1] + 1), prefix + (block[1] + 2));
        ip("link", "add", link.rootDevice(), "type", "veth", "peer", "name", link.namespaceDevice(), "netns", name);
        links.add(link);
        ip("addr", "add", link.rootAddress() + "/30", "dev", link.rootDevice());
        ip("-n", name, "addr", "add", link.namespaceAddress() + "/30", "dev", link.namespaceDevice());
        ip("link", "set", link.rootDevice(), "up");
        ip("-n", name, "link", "set", link.namespaceDevice(), "up");
    }

    /** A /30 derived from the pid (so parallel runs differ) that no interface of the machine uses yet. */
    private static int[] freeBlock(long pid, int n, int k) throws IOException {
        String used = run(List.of("ip", "-4", "-o", "addr", "show")).output;
        for (int attempt = 0; attempt < 64; attempt++) {
            int index = (int) ((pid * 16 + n * 4 + k + attempt * 7919L) % 16384);
            int third = index / 64;
            int fourth = (index % 64) * 4;
            if (!used.contains(" 10.213." + third + "." + (fourth + 1) + "/")) {
                return new int[] {third, fourth};
            }
        }
        throw new IOException("no free /30 left in 10.213.0.0/16 on this machine");
    }

    public String name() {
        return name;
    }

    public Link link(int index) {
        return links.get(index);
    }

    /** {@code command} run inside the namespace, for a ProcessBuilder ({@code ip netns exec} execs it: same pid). */
    public List<String> inside(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", name));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The partition: every frame on that link is dropped, both ways, silently. */
    public void cut(int index) throws IOException {
        ip("-n", name, "link", "set", links.get(index).namespaceDevice(), "down");
    }

    public void heal(int index) throws IOException {
        ip("-n", name, "link", "set", links.get(index).namespaceDevice(), "up");
    }

    /** Why an nftables REJECT rule cannot be set in a namespace here, or empty when it can. */
    public static Optional<String> rejectUnavailableBecause() {
        try {
            Result nft = run(List.of("nft", "--version"));
            return nft.status == 0 ? Optional.empty() : Optional.of("'nft --version' failed: " + nft.output.strip());
        } catch (IOException e) {
            return Optional.of("nftables' 'nft' is not installed (apt-get install nftables)");
        }
    }

    /**
     * A firewall's REJECT, inside this namespace only: every TCP segment to {@code port} (new connections and
     * established ones alike) is answered with a reset, while the process listening there runs on.
     */
    public void rejectWithReset(int port) throws IOException {
        nft("add", "table", "inet", "cctest");
        nft("add", "chain", "inet", "cctest", "input", "{ type filter hook input priority 0; policy accept; }");
        nft("add", "rule", "inet", "cctest", "input", "tcp", "dport", Integer.toString(port), "reject", "with",
                "tcp", "reset");
    }

    /** Removes {@link #rejectWithReset}'s rules. */
    public void allow() throws IOException {
        nft("delete", "table", "inet", "cctest");
    }

    private void nft(String... args) throws IOException {
        List<String> command = inside(List.of("nft"));
        command.addAll(List.of(args));
        Result result = run(command);
        if (result.status != 0) {
            throw new IOException(String.join(" ", command) + " failed with status " + result.status + ": "
                    + result.output.strip());
        }
    }

    /** Deletes the root ends first: deleting a namespace removes its veths only asynchronously. */
    @Override
    public void close() {
        for (Link link : links) {
            quietly(List.of("ip", "link", "del", link.rootDevice()));
        }
        quietly(List.of("ip", "netns", "del", name));
    }

    /** Namespaces and veths of this naming whose owner pid no longer runs: what crashed runs left behind. */
    public static void removeLeftoversOfDeadOwners() {
        try {
            for (String line : run(List.of("ip", "netns", "list")).output.split("\n")) {
                String ns = line.strip().split("\\s+")[0];
                if (ns.startsWith(PREFIX) && ownerIsDead(ns.substring(PREFIX.length()).split("-")[0])) {
                    quietly(List.of("ip", "netns", "del", ns));
                }
            }
            for (String line : run(List.of("ip", "-o", "link", "show")).output.split("\n")) {
                String[] parts = line.split(":\\s+");
                if (parts.length < 2) {
                    continue;
                }
                String device = parts[1].split("@")[0];
                if (device.matches("cc\\d+x[0-9a-z]+L") && ownerIsDead(device.substring(2, device.indexOf('x')))) {
                    quietly(List.of("ip", "link", "del", device));
                }
            }
        } catch (IOException e) {
            // no ip: nothing of ours can be there either
        }
    }

    private static boolean ownerIsDead(String pidText) {
        try {
            return ProcessHandle.of(Long.parseLong(pidText)).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Result result = run(command);
        if (result.status != 0) {
            throw new IOException(String.join(" ", command) + " failed with status " + result.status + ": "
                    + result.output.strip());
        }
    }

    private static void quietly(List<String> command) {
        try {
            run(command);
        } catch (IOException e) {
            // best effort: cleaning up
        }
    }

    private record Result(int status, String output) {
    }

    private static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            // read first: a full pipe would block ip; ip's output here is a few lines
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 10 s");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
