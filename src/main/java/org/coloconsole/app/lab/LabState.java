package org.coloconsole.app.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.coloconsole.colo.ServiceProbe;
import org.coloconsole.colo.ServiceProbes;
import org.coloconsole.qmp.Endpoint;

/**
 * What a running lab leaves in its run dir so that another process ({@code colo-console lab status|stop}) finds it:
 * a small {@code key=value} file (one entry a line, split at the first {@code =}, no escapes).
 */
public record LabState(Path runDir, String qemuBinary, LabPairKind kind, Accelerator accelerator,
                       TcgWorkaround tcgWorkaround, Duration checkpointDelay, Instant startedAt, Endpoint incoming,
                       Map<LabSide, SideState> sides) {

    public static final String FILE_NAME = "lab.state";
    private static final String FORMAT = "colo-console-lab 2";

    /**
     * One QEMU of the pair.
     *
     * @param servicePort the host port forwarded to the guest's HTTP service (a full pair's), else empty
     */
    public record SideState(long pid, Endpoint console, Endpoint harness, OptionalInt servicePort) {
        public SideState {
            Objects.requireNonNull(console, "console");
            Objects.requireNonNull(harness, "harness");
            Objects.requireNonNull(servicePort, "servicePort");
        }

        /** A side without a guest service (the minimal pair). */
        public SideState(long pid, Endpoint console, Endpoint harness) {
            this(pid, console, harness, OptionalInt.empty());
        }

        /** Where the guest answers on this host: {@code http://127.0.0.1:PORT/cgi-bin/status}. */
        public Optional<String> serviceUrl() {
            return servicePort.isPresent()
                    ? Optional.of("http://127.0.0.1:" + servicePort.getAsInt() + LabGuest.STATUS_PATH) : Optional.empty();
        }

        SideState withPid(long newPid) {
            return new SideState(newPid, console, harness, servicePort);
        }
    }

    public LabState {
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(qemuBinary, "qemuBinary");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(tcgWorkaround, "tcgWorkaround");
        Objects.requireNonNull(checkpointDelay, "checkpointDelay");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(incoming, "incoming");
        sides = Map.copyOf(sides);
        for (LabSide side : LabSide.values()) {
            if (!sides.containsKey(side)) {
                throw new IllegalArgumentException("the " + side.label() + " side is missing");
            }
        }
    }

    /** The environment every QEMU of this lab starts with. */
    Map<String, String> qemuEnvironment() {
        return qemuEnvironment(QemuInstall.of(Path.of(qemuBinary)), tcgWorkaround, runDir);
    }

    /** An unpacked QEMU's module folder, and the TCG workaround when it is loaded (installed in {@code runDir}). */
    static Map<String, String> qemuEnvironment(QemuInstall install, TcgWorkaround workaround, Path runDir) {
        Map<String, String> environment = new HashMap<>(install.environment());
        if (workaround == TcgWorkaround.LOADED) {
            environment.putAll(TcgWaitShim.environment(runDir.resolve(TcgWaitShim.FILE_NAME)));
        }
        return environment;
    }

    /** Which accelerator runs and what the lab does about it, as a sentence for the operator. */
    public String acceleratorSentence() {
        return acceleratorSentence("");
    }

    /** As {@link #acceleratorSentence()}, with {@code why} (" (as asked)") after the accelerator. */
    String acceleratorSentence(String why) {
        return accelerator.sentence() + why + "; TCG workaround " + tcgWorkaround.sentence();
    }

    /**
     * The lab's own service probes: each guest's status page through its forwarded port (none for the minimal pair,
     * which has no guest). Loopback only, as the lab is.
     */
    public ServiceProbes serviceProbes() {
        return new ServiceProbes(probe(LabSide.PRIMARY), probe(LabSide.SECONDARY), false,
                ServiceProbes.DEFAULT_WITHIN);
    }

    private Optional<ServiceProbe> probe(LabSide side) {
        return side(side).serviceUrl().flatMap(ServiceProbe::parse);
    }

    public SideState side(LabSide side) {
        return sides.get(side);
    }

    public static Path file(Path runDir) {
        return runDir.resolve(FILE_NAME);
    }

    /** Writes the file so that a reader sees either the old one or the whole new one. */
    public void write() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("format", FORMAT);
        entries.put("run-dir", runDir.toAbsolutePath().toString());
        entries.put("qemu-binary", qemuBinary);
        entries.put("kind", kind.name());
        entries.put("accelerator", accelerator.name());
        entries.put("tcg-workaround", tcgWorkaround.name());
        entries.put("checkpoint-delay-ms", Long.toString(checkpointDelay.toMillis()));
        entries.put("started-at", startedAt.toString());
        entries.put("incoming", incoming.text());
        for (LabSide side : LabSide.values()) {
            SideState s = sides.get(side);
            entries.put(side.label() + ".pid", Long.toString(s.pid()));
            entries.put(side.label() + ".console", s.console().text());
            entries.put(side.label() + ".harness", s.harness().text());
            s.servicePort().ifPresent(port -> entries.put(side.label() + ".service-port", Integer.toString(port)));
        }
        StringBuilder text = new StringBuilder();
        entries.forEach((key, value) -> {
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new LabException("cannot record '" + value + "' in the lab state file: it contains a line break");
            }
            text.append(key).append('=').append(value).append('\n');
        });
        Path target = file(runDir);
        Path temporary = runDir.resolve(FILE_NAME + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LabException("cannot write the lab state file " + target + ": " + e.getMessage(), e);
        }
    }

    /** The state of the lab in {@code runDir}; empty when there is no state file there. */
    public static Optional<LabState> read(Path runDir) {
        Path source = file(runDir);
        String text;
        try {
            text = Files.readString(source, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new LabException("cannot read the lab state file " + source + ": " + e.getMessage(), e);
        }
        return Optional.of(parse(runDir, text));
    }

    static LabState parse(Path runDir, String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                entries.put(line.substring(0, eq).strip(), line.substring(eq + 1));
            }
        }
        Path source = file(runDir);
        if (!FORMAT.equals(entries.get("format"))) {
            throw new LabException("the lab state file " + source + " is not one this version of colo-console wrote");
        }
        try {
            Map<LabSide, SideState> sides = new EnumMap<>(LabSide.class);
            for (LabSide side : LabSide.values()) {
                String port = entries.get(side.label() + ".service-port");
                sides.put(side, new SideState(Long.parseLong(required(entries, side.label() + ".pid", source)),
                        Endpoint.parse(required(entries, side.label() + ".console", source)),
                        Endpoint.parse(required(entries, side.label() + ".harness", source)),
                        port == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(port))));
            }
            return new LabState(Path.of(required(entries, "run-dir", source)), required(entries, "qemu-binary", source),
                    LabPairKind.valueOf(required(entries, "kind", source)),
                    Accelerator.valueOf(required(entries, "accelerator", source)),
                    TcgWorkaround.valueOf(required(entries, "tcg-workaround", source)),
                    Duration.ofMillis(Long.parseLong(required(entries, "checkpoint-delay-ms", source))),
                    Instant.parse(required(entries, "started-at", source)),
                    Endpoint.parse(required(entries, "incoming", source)), sides);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            // NumberFormatException, EndpointFormatException and a bad enum name are all IllegalArgumentExceptions
            throw new LabException("the lab state file " + source + " is damaged (" + e.getMessage()
                    + "); stop the QEMU processes by hand and delete " + runDir, e);
        }
    }

    private static String required(Map<String, String> entries, String key, Path source) {
        String value = entries.get(key);
        if (value == null || value.isBlank()) {
            throw new LabException("the lab state file " + source + " has no '" + key + "' entry");
        }
        return value;
    }
}
