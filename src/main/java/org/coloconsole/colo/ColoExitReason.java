package org.coloconsole.colo;

/** QEMU's COLOExitReason ({@code processing} since 4.0; {@code none} only in query-colo-status). */
public enum ColoExitReason {
    NONE,
    REQUEST,
    ERROR,
    PROCESSING,
    UNKNOWN;

    static final Tag<ColoExitReason> NONE_TAG = new Tag<>(NONE, "none");
}
