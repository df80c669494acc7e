package org.coloconsole.colo;

/** QEMU's COLOMode. Very old schemas said {@code unknown}: that and anything new read as UNKNOWN, raw kept. */
public enum ColoMode {
    NONE,
    PRIMARY,
    SECONDARY,
    UNKNOWN;

    static final Tag<ColoMode> NONE_TAG = new Tag<>(NONE, "none");
}
