package org.coloconsole.qmp;

import org.coloconsole.testing.QemuBinary;

/** Every test of {@link RealQemuFaultsTest} against QEMU 10.0 (bookworm-backports, unpacked by .ci/qemu-10.sh). */
class RealQemuFaultsOnQemu10Test extends RealQemuFaultsTest {
    @Override
    QemuBinary qemuBinary() {
        return QemuBinary.QEMU_10_0;
    }
}
