package org.coloconsole.app.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The TCG wait workaround as a file a QEMU can preload. The build compiles it into the module
 * ({@code native/colo-tcg-wait.so}, pom.xml "native-tcg-wait"); the lab copies it into its private run directory, so
 * nothing outside the lab's own processes ever loads it. Test fixtures that build a pair of their own use it too.
 */
public final class TcgWaitShim {
    static final String RESOURCE = "native/colo-tcg-wait.so";
    public static final String FILE_NAME = "colo-tcg-wait.so";

    private TcgWaitShim() {
    }

    /** Copies the library into {@code runDir} (mode 0500) and returns its path. */
    public static Path installInto(Path runDir) {
        Path target = runDir.resolve(FILE_NAME);
        try (InputStream in = TcgWaitShim.class.getModule().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new LabException("this build of colo-console has no TCG workaround (" + RESOURCE + "), which "
                        + "a lab without KVM needs: build it with a C compiler present (apt-get install gcc libc6-dev; "
                        + "mvn -B -DskipTests package)");
            }
            // written aside and moved in whole: a QEMU starting meanwhile must never map a half-written library
            Path partial = Files.createTempFile(runDir, FILE_NAME, ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("r-x------"));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new LabException("cannot copy the TCG workaround into " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** The environment a QEMU needs to load it. */
    public static Map<String, String> environment(Path library) {
        String path = library.toString();
        // the dynamic loader splits LD_PRELOAD at spaces and colons
        if (path.indexOf(' ') >= 0 || path.indexOf(':') >= 0) {
            throw new LabException("the lab's run directory " + library.getParent() + " contains a space or a colon, "
                    + "which LD_PRELOAD cannot carry; choose another with --run-dir");
        }
        return Map.of("LD_PRELOAD", path);
    }
}
