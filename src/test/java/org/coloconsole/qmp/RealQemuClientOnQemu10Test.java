package org.coloconsole.qmp;

import org.coloconsole.testing.TestedQemu;

/** Every test of {@link RealQemuClientTest} against QEMU 10.0 (bookworm-backports, unpacked by .ci/qemu-10.sh). */
class RealQemuClientOnQemu10Test extends RealQemuClientTest {
    @Override
    TestedQemu qemuBinary() {
        return TestedQemu.QEMU_10_0;
    }
}
