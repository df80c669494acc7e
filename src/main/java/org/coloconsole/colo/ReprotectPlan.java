package org.coloconsole.colo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restoring protection after a failover, as QEMU's guide resumes replication (docs/colo-full-pair.md, "Resume
 * replication on the survivor"), planned from both sides' discovered topology: only the parts the survivor lacks are
 * added, so a re-run after an undo or a crash plans what is left. Everything that can happen while the guest runs
 * (chardevs, NBD, the mirror until ready, the new side's listener, the capabilities) comes before {@code stop}; the
 * outage window holds only the mirror's cancel, the replication child, the proxy objects and {@code migrate}.
 */
public final class ReprotectPlan {
    /** The guide's names of a primary's proxy chardevs. */
    public static final String MIRROR = "mirror0";
    public static final String COMPARE_SECONDARY_IN = "compare1";
    public static final String COMPARE_IN = "compare0";
    public static final String COMPARE_IN_CLIENT = "compare0-0";
    public static final String COMPARE_OUT = "compare_out";
    public static final String COMPARE_OUT_CLIENT = "compare_out0";

    private ReprotectPlan() {
    }

    /** A step the plan leaves out, and why (e.g. a part the primary has from its command line). */
    public record Skipped(ReprotectStep.Kind kind, String sentence) {
    }

    /**
     * The plan with what it leaves out: one planning for both starts, the history only changing the words.
     *
     * @param history whether the primary-to-be was ever protected ({@link ReprotectFacts#history()})
     */
    public record Outline(ProtectionHistory history, List<ReprotectStep> steps, List<Skipped> skipped) {
        public Outline {
            steps = List.copyOf(steps);
            skipped = List.copyOf(skipped);
        }
    }

    /** The steps; the facts must pass {@link ReprotectCheck}. */
    public static List<ReprotectStep> plan(ReprotectFacts facts, ReprotectOptions options) {
        return outline(facts, options).steps();
    }

    /** The steps and the steps left out; the facts must pass {@link ReprotectCheck}. */
    public static Outline outline(ReprotectFacts facts, ReprotectOptions options) {
        List<ReprotectCheck.Problem> problems = ReprotectCheck.problems(facts, options);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("no plan while the check fails: " + problems.get(0).sentence());
        }
        ProtectionHistory history = facts.history();
        String primary = history.primary();
        String secondary = history.secondary();
        Topology survivor = facts.survivor();
        SecondaryWiring wiring = SecondaryWiring.of(facts.fresh());
        Optional<QuorumDisk> disk = survivor.disk();
        List<ReprotectStep> steps = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        if (wiring.proxied()) {
            for (Map.Entry<String, Chardev> wanted : primaryChardevs(wiring, options).entrySet()) {
                if (survivor.chardev(wanted.getKey()).isEmpty()) {
                    steps.add(addChardev(wanted.getKey(), wanted.getValue()));
                } else {
                    skipped.add(new Skipped(ReprotectStep.Kind.ADD_CHARDEV, "The chardev " + wanted.getKey()
                            + " is there already (" + history.whyPresent() + "): not added."));
                }
            }
        } else {
            skipped.add(new Skipped(ReprotectStep.Kind.ADD_OBJECT, capitalized(secondary) + "'s network is not "
                    + "redirected: no COLO proxy is added."));
        }
        steps.add(step(ReprotectStep.Kind.NEW_SIDE_CAPABILITIES, Side.SECONDARY, "migrate-set-capabilities",
                colo(true), "Enable x-colo and migration events on " + secondary + "."));
        String node = replicationNodeName(survivor);
        if (disk.isPresent()) {
            String device = disk.get().device();
            steps.add(step(ReprotectStep.Kind.START_NBD, Side.SECONDARY, "nbd-server-start",
                    Map.of("addr", Map.of("type", "inet", "data", Map.of("host", options.nbdHost(),
                            "port", Integer.toString(options.nbdPort())))),
                    "Start " + secondary + "'s NBD server on " + options.nbdHost() + ":" + options.nbdPort() + "."));
            steps.add(step(ReprotectStep.Kind.EXPORT_DISK, Side.SECONDARY, "nbd-server-add",
                    Map.of("device", options.export(), "writable", true),
                    "Export " + secondary + "'s " + options.export() + " for " + primary + " to write."));
            steps.add(step(ReprotectStep.Kind.MIRROR, Side.PRIMARY, "drive-mirror", Map.of("device", device,
                    "job-id", ReprotectOptions.MIRROR_JOB, "target", "nbd://" + options.nbdHost() + ":"
                            + options.nbdPort() + "/" + options.export(), "mode", "existing", "format", "raw",
                    "sync", "full"), "Copy " + primary + "'s " + device + " to " + secondary + " (job "
                    + ReprotectOptions.MIRROR_JOB + "); the guest keeps running."));
            steps.add(step(ReprotectStep.Kind.AWAIT_MIRROR_READY, Side.PRIMARY, "query-jobs", Map.of(),
                    "Wait until the copy has caught up (the job is ready)."));
        } else {
            skipped.add(new Skipped(ReprotectStep.Kind.MIRROR, capitalized(primary) + " has no quorum disk: no "
                    + "disk to copy or replicate."));
        }
        steps.add(step(ReprotectStep.Kind.INCOMING, Side.SECONDARY, "migrate-incoming",
                Map.of("uri", options.incoming()), "Let " + secondary + " listen for the COLO stream on "
                        + options.incoming() + "."));
        steps.add(step(ReprotectStep.Kind.ENABLE_COLO, Side.PRIMARY, "migrate-set-capabilities", colo(true),
                "Enable x-colo and migration events on " + primary + "."));
        steps.add(step(ReprotectStep.Kind.SET_CHECKPOINT_DELAY, Side.PRIMARY, "migrate-set-parameters",
                Map.of("x-checkpoint-delay", options.checkpointDelay().toMillis()),
                "Checkpoint every " + options.checkpointDelay().toMillis() + " ms."));
        steps.add(step(ReprotectStep.Kind.STOP_GUEST, Side.PRIMARY, "stop", Map.of(),
                "Stop " + primary + "'s guest: the outage window opens."));
        if (disk.isPresent()) {
            String device = disk.get().device();
            steps.add(step(ReprotectStep.Kind.CANCEL_MIRROR, Side.PRIMARY, "block-job-cancel",
                    Map.of("device", ReprotectOptions.MIRROR_JOB), "End the copy: " + secondary + "'s disk equals "
                            + primary + "'s now."));
            steps.add(step(ReprotectStep.Kind.AWAIT_MIRROR_GONE, Side.PRIMARY, "query-jobs", Map.of(),
                    "Wait until the copy job is gone."));
            steps.add(step(ReprotectStep.Kind.ADD_REPLICATION_NODE, Side.PRIMARY, "human-monitor-command",
                    Map.of("command-line", "drive_add -n buddy driver=replication,mode=primary,file.driver=nbd,"
                            + "file.host=" + options.nbdHost() + ",file.port=" + options.nbdPort() + ",file.export="
                            + options.export() + ",node-name=" + node),
                    "Add the replication node " + node + ", writing to " + secondary + " over NBD."));
            steps.add(step(ReprotectStep.Kind.ATTACH_REPLICATION, Side.PRIMARY, "x-blockdev-change",
                    Map.of("parent", device, "node", node), "Hang " + node + " under " + device + "."));
        }
        if (wiring.proxied()) {
            addObjects(steps, skipped, survivor, wiring.netdev().orElseThrow(), history);
        }
        steps.add(step(ReprotectStep.Kind.MIGRATE, Side.PRIMARY, "migrate", Map.of("uri", options.incoming()),
                "Start COLO: migrate " + primary + " to " + secondary + "."));
        steps.add(step(ReprotectStep.Kind.AWAIT_COLO, Side.PRIMARY, "query-colo-status", Map.of(),
                "Wait until " + primary + " is COLO primary and " + secondary + " COLO secondary."));
        steps.add(step(ReprotectStep.Kind.AWAIT_CHECKPOINT, Side.PRIMARY, "query-colo-status", Map.of(),
                "Wait for a checkpoint: replication flows."));
        return new Outline(history, steps, skipped);
    }

    private static String capitalized(String words) {
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * What a failed flow left, read afresh on the survivor, taken back so that the survivor runs alone as before:
     * the copy job cancelled, the replication child and proxy objects removed (the failover's own cleanup,
     * {@link SurvivorCleanup}), COLO left again if it had started, x-colo off, the chardevs this run added removed,
     * the new side's NBD server closed, and the guest resumed.
     */
    public static List<ReprotectStep> undo(Topology survivorNow, Tag<ColoMode> survivorMode, boolean mirrorJob,
                                           List<String> addedChardevs, boolean nbdStarted) {
        List<ReprotectStep> steps = new ArrayList<>();
        if (mirrorJob) {
            steps.add(step(ReprotectStep.Kind.UNDO_PART, Side.PRIMARY, "block-job-cancel",
                    Map.of("device", ReprotectOptions.MIRROR_JOB, "force", true), "Cancel the copy job."));
        }
        for (FailoverStep part : SurvivorCleanup.beforeLostHeartbeat(Side.PRIMARY, survivorNow)) {
            steps.add(step(ReprotectStep.Kind.UNDO_PART, Side.PRIMARY, part.command(), part.arguments(),
                    part.sentence()));
        }
        if (survivorMode.is(ColoMode.PRIMARY)) {
            steps.add(step(ReprotectStep.Kind.LEAVE_COLO, Side.PRIMARY, "x-colo-lost-heartbeat", Map.of(),
                    "Leave COLO again: the survivor carries on alone."));
        }
        steps.add(step(ReprotectStep.Kind.DISABLE_COLO, Side.PRIMARY, "migrate-set-capabilities", colo(false),
                "Turn x-colo off on the survivor."));
        List<String> chardevs = new ArrayList<>(addedChardevs);
        Collections.reverse(chardevs);
        for (String label : chardevs) {
            steps.add(step(ReprotectStep.Kind.UNDO_PART, Side.PRIMARY, "chardev-remove", Map.of("id", label),
                    "Remove the chardev " + label + " added by this run."));
        }
        if (nbdStarted) {
            steps.add(step(ReprotectStep.Kind.STOP_NBD, Side.SECONDARY, "nbd-server-stop", Map.of(),
                    "Close the new side's NBD server."));
        }
        steps.add(step(ReprotectStep.Kind.RESUME_GUEST, Side.PRIMARY, "cont", Map.of(),
                "Run the survivor's guest (again)."));
        return List.copyOf(steps);
    }

    /**
     * The command line the new secondary needs, derived from the survivor's topology as far as it tells; the rest
     * (images, the NIC's backend options, the survivor's host when it is not known) in angle brackets.
     */
    public static List<String> expectedSecondary(Topology survivor) {
        String netdev = survivor.objects(ProxyKind.FILTER_REWRITER).stream()
                .flatMap(o -> o.link(ProxyObject.Link.NETDEV).stream()).findFirst().orElse("<NETDEV-ID>");
        String mirror = survivor.chardev(MIRROR).flatMap(SocketChardev::address)
                .flatMap(SecondaryWiring.Address::parse).map(a -> "host=" + a.host() + ",port=" + a.port())
                .orElse("host=<SURVIVOR-HOST>,port=<MIRROR-PORT>");
        String compare = survivor.chardev(COMPARE_SECONDARY_IN).flatMap(SocketChardev::address)
                .flatMap(SecondaryWiring.Address::parse).map(a -> "host=" + a.host() + ",port=" + a.port())
                .orElse("host=<SURVIVOR-HOST>,port=<COMPARE-PORT>");
        String device = survivor.disk().map(QuorumDisk::device).orElse("<DISK-ID>");
        List<String> lines = new ArrayList<>();
        lines.add("qemu-system-x86_64 <the survivor's machine, CPU, memory, kernel and boot options>");
        lines.add("  -netdev <as the survivor's>,id=" + netdev + " -device <the survivor's NIC>,netdev=" + netdev);
        lines.add("  -qmp <a monitor for the console>");
        lines.add("  -chardev socket,id=red0," + mirror + ",reconnect=1");
        lines.add("  -chardev socket,id=red1," + compare + ",reconnect=1");
        lines.add("  -object filter-redirector,id=f1,netdev=" + netdev + ",queue=tx,indev=red0");
        lines.add("  -object filter-redirector,id=f2,netdev=" + netdev + ",queue=rx,outdev=red1");
        lines.add("  -object filter-rewriter,id=rew0,netdev=" + netdev + ",queue=all");
        lines.add("  -drive if=none,id=" + ReprotectOptions.GUIDE_EXPORT
                + ",file.filename=<PARENT.qcow2, the size of the survivor's disk>,driver=qcow2");
        lines.add("  -drive if=none,id=childs0,driver=replication,mode=secondary,file.driver=qcow2,top-id=" + device
                + ",file.file.filename=<ACTIVE.qcow2>,file.backing.driver=qcow2,"
                + "file.backing.file.filename=<HIDDEN.qcow2>,file.backing.backing=" + ReprotectOptions.GUIDE_EXPORT);
        lines.add("  -drive if=ide,id=" + device + ",driver=quorum,read-pattern=fifo,vote-threshold=1,"
                + "children.0=childs0");
        lines.add("  -incoming defer");
        return List.copyOf(lines);
    }

    /** A socket chardev to add: a server, or a client of a server on the same host. */
    private record Chardev(String host, int port, boolean server) {
    }

    /** In the order they must be added: each loop's server before its client. */
    private static Map<String, Chardev> primaryChardevs(SecondaryWiring wiring, ReprotectOptions options) {
        String host = options.survivorHost();
        Map<String, Chardev> chardevs = new LinkedHashMap<>();
        chardevs.put(MIRROR, new Chardev(host, wiring.fromMirror().orElseThrow().port(), true));
        chardevs.put(COMPARE_SECONDARY_IN, new Chardev(host, wiring.toCompare().orElseThrow().port(), true));
        chardevs.put(COMPARE_IN, new Chardev(host, options.compareInPort(), true));
        chardevs.put(COMPARE_IN_CLIENT, new Chardev(host, options.compareInPort(), false));
        chardevs.put(COMPARE_OUT, new Chardev(host, options.compareOutPort(), true));
        chardevs.put(COMPARE_OUT_CLIENT, new Chardev(host, options.compareOutPort(), false));
        return chardevs;
    }

    private static ReprotectStep addChardev(String label, Chardev chardev) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("addr", Map.of("type", "inet", "data", Map.of("host", chardev.host(),
                "port", Integer.toString(chardev.port()))));
        data.put("server", chardev.server());
        return step(ReprotectStep.Kind.ADD_CHARDEV, Side.PRIMARY, "chardev-add",
                Map.of("id", label, "backend", Map.of("type", "socket", "data", data)),
                "Add the chardev " + label + (chardev.server() ? " (listening on " : " (connecting to ")
                        + chardev.host() + ":" + chardev.port() + ").");
    }

    /**
     * The guide's order; on a former secondary each filter goes before its rewriter (7.2 takes flat arguments, no
     * {@code props} wrapper), since a filter after the rewriter would see rewritten sequence numbers.
     */
    private static void addObjects(List<ReprotectStep> steps, List<Skipped> skipped, Topology survivor,
                                   String netdev, ProtectionHistory history) {
        Optional<String> rewriter = survivor.objects(ProxyKind.FILTER_REWRITER).stream().map(ProxyObject::id)
                .findFirst();
        List<Map<String, Object>> objects = List.of(
                filter("filter-mirror", "m0", netdev, "tx", Map.of("outdev", MIRROR), rewriter),
                filter("filter-redirector", "redire0", netdev, "rx", Map.of("indev", COMPARE_OUT), rewriter),
                filter("filter-redirector", "redire1", netdev, "rx", Map.of("outdev", COMPARE_IN), rewriter),
                Map.of("qom-type", "iothread", "id", "iothread1"),
                Map.of("qom-type", "colo-compare", "id", "comp0", "primary_in", COMPARE_IN_CLIENT,
                        "secondary_in", COMPARE_SECONDARY_IN, "outdev", COMPARE_OUT_CLIENT, "iothread", "iothread1"));
        for (Map<String, Object> object : objects) {
            String id = (String) object.get("id");
            if (survivor.proxy().stream().anyMatch(o -> o.id().equals(id))) {
                skipped.add(new Skipped(ReprotectStep.Kind.ADD_OBJECT, object.get("qom-type") + " " + id
                        + " is there already (" + history.whyPresent() + "): not added again."));
                continue;
            }
            steps.add(step(ReprotectStep.Kind.ADD_OBJECT, Side.PRIMARY, "object-add", object,
                    "Add " + object.get("qom-type") + " " + id
                            + (object.containsKey("position") ? " before " + rewriter.orElseThrow() : "") + "."));
        }
    }

    private static Map<String, Object> filter(String type, String id, String netdev, String queue,
                                              Map<String, Object> link, Optional<String> before) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("qom-type", type);
        object.put("id", id);
        object.put("netdev", netdev);
        object.put("queue", queue);
        object.putAll(link);
        before.ifPresent(rewriter -> {
            object.put("insert", "before");
            object.put("position", "id=" + rewriter);
        });
        return object;
    }

    /** replication0 as in the guide, unless a loose node of that name is still there. */
    private static String replicationNodeName(Topology survivor) {
        for (int i = 0; ; i++) {
            String name = "replication" + i;
            if (!survivor.looseReplicationNodes().contains(name)) {
                return name;
            }
        }
    }

    private static Map<String, Object> colo(boolean on) {
        // events stay on when x-colo goes off: the console reads migration events whether or not COLO runs
        return on ? Map.of("capabilities", List.of(capability("x-colo", true), capability("events", true)))
                : Map.of("capabilities", List.of(capability("x-colo", false)));
    }

    private static Map<String, Object> capability(String name, boolean state) {
        Map<String, Object> capability = new LinkedHashMap<>();
        capability.put("capability", name);
        capability.put("state", state);
        return capability;
    }

    private static ReprotectStep step(ReprotectStep.Kind kind, Side side, String command,
                                      Map<String, Object> arguments, String sentence) {
        return new ReprotectStep(kind, side, command, arguments, sentence);
    }
}
