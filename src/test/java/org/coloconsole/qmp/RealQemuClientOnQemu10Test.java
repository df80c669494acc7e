package org.coloconsole.qmp;

import org.coloconsole.testing.QemuBinary;

/** Every test of {@link RealQemuClientTest} against QEMU 10.0 (bookworm-backports, unpacked by .ci/qemu-10.sh). */
class RealQemuClientOnQemu10Test extends RealQemuClientTest {
    @Override
    QemuBinary qemuBinary() {
        return QemuBinary.QEMU_10_0;
    }
}
