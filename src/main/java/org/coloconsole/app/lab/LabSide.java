package org.coloconsole.app.lab;

/** Which QEMU of the lab pair. */
public enum LabSide {
    PRIMARY, SECONDARY;

    /** Lower-case, as used in file names, the state file and messages. */
    public String label() {
        return name().toLowerCase();
    }
}
