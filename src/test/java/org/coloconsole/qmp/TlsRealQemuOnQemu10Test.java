package org.coloconsole.qmp;

import org.coloconsole.testing.QemuBinary;

/** Every test of {@link TlsRealQemuTest} against QEMU 10.0 (bookworm-backports, unpacked by .ci/qemu-10.sh). */
class TlsRealQemuOnQemu10Test extends TlsRealQemuTest {
    @Override
    QemuBinary qemuBinary() {
        return QemuBinary.QEMU_10_0;
    }
}
