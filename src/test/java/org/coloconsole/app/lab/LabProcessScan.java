package org.coloconsole.app.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every live process whose command line mentions a path: proof that nothing of a lab is left running. */
final class LabProcessScan {
    private LabProcessScan() {
    }

    static List<Long> processesMentioning(Path runDir) throws IOException {
        String needle = runDir.toAbsolutePath().toString();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .filter(name -> cmdline(name).contains(needle))
                    .map(Long::parseLong)
                    .collect(Collectors.toList());
        }
    }

    private static String cmdline(String pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", pid, "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
