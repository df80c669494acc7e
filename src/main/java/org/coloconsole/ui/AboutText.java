package org.coloconsole.ui;

import java.util.Optional;
import org.coloconsole.colo.PairState;
import org.coloconsole.colo.Side;
import org.coloconsole.colo.SideState;

/** Help ▸ About's text: what a bug report needs, each side's QEMU included. */
final class AboutText {
    private AboutText() {
    }

    static String of(String console, String java, String javaVendor, String javafx, Optional<PairState> pair) {
        StringBuilder text = new StringBuilder()
                .append("COLO Console ").append(console).append('\n')
                .append("Java ").append(java).append(javaVendor.isEmpty() ? "" : " (" + javaVendor + ")").append('\n')
                .append("JavaFX ").append(javafx).append('\n');
        if (pair.isEmpty()) {
            text.append("No pair open: each side's QEMU version shows here once one is.");
        } else {
            for (Side side : Side.values()) {
                SideState s = pair.get().side(side);
                text.append(side.title()).append(": QEMU ").append(s.qemuVersion().orElse("not read yet"))
                        .append(s.vmName().map(n -> ", VM " + n).orElse("")).append('\n')
                        .append("  ").append(s.endpoint()).append('\n'); // paths are long: a line of their own
            }
        }
        return text.toString().strip();
    }
}
