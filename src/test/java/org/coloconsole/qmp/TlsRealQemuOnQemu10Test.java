package org.coloconsole.qmp;

import org.coloconsole.testing.TestedQemu;

/** Every test of {@link TlsRealQemuTest} against QEMU 10.0 (bookworm-backports, unpacked by .ci/qemu-10.sh). */
class TlsRealQemuOnQemu10Test extends TlsRealQemuTest {
    @Override
    TestedQemu qemuBinary() {
        return TestedQemu.QEMU_10_0;
    }
}
