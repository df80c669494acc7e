package org.coloconsole.app.lab;

/**
 * Whether the lab's QEMUs run with the TCG wait workaround ({@code src/main/c/colo-tcg-wait.c}): QEMU 7.2's COLO
 * primary deadlocks within its first checkpoints under TCG without it (docs/colo-behaviour.md, "TCG").
 */
public enum TcgWorkaround {
    /** On KVM: the deadlock needs TCG, so nothing is loaded. */
    NOT_NEEDED("not needed on KVM"),
    /** On TCG: both QEMUs load it, since either may become the primary. */
    LOADED("loaded into both QEMUs (QEMU 7.2's COLO primary deadlocks at a checkpoint under TCG without it)"),
    /** On TCG, switched off on request: the primary is expected to hang within a few checkpoints. */
    OFF("switched off on request: the primary is likely to hang within a few checkpoints");

    private final String sentence;

    TcgWorkaround(String sentence) {
        this.sentence = sentence;
    }

    public String sentence() {
        return sentence;
    }

    static TcgWorkaround choose(Accelerator accelerator, boolean wanted) {
        if (accelerator == Accelerator.KVM) {
            return NOT_NEEDED;
        }
        return wanted ? LOADED : OFF;
    }
}
