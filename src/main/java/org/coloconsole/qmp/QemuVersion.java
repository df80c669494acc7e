package org.coloconsole.qmp;

/** QEMU's version from the greeting or {@code query-version}. */
public record QemuVersion(int major, int minor, int micro, String packageName) {

    public boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
