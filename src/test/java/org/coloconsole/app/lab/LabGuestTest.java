package org.coloconsole.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;

/** The full lab's guest, built from Debian's packages into the per-user cache (the build itself needs apt lists). */
class LabGuestTest {

    @Test
    void theGuestIsBuiltOnceIntoTheCacheAndReusedAfterwards() throws Exception {
        Path cache = LabGuest.defaultCache(System.getenv());
        LabGuest guest = LabGuest.ensure(cache);
        assertThat(guest.kernel()).isRegularFile();
        assertThat(guest.initramfs()).isRegularFile();
        // a Linux bzImage carries "HdrS" at offset 0x202; the initramfs is gzip
        byte[] kernel = Files.readAllBytes(guest.kernel());
        assertThat(new String(kernel, 0x202, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("HdrS");
        assertThat(java.util.Arrays.copyOf(Files.readAllBytes(guest.initramfs()), 2))
                .containsExactly(0x1f, 0x8b);
        FileTime built = Files.getLastModifiedTime(guest.initramfs());
        assertThat(LabGuest.ensure(cache)).isEqualTo(guest);
        assertThat(Files.getLastModifiedTime(guest.initramfs())).isEqualTo(built);
    }
}
