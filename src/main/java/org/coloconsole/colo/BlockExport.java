package org.coloconsole.colo;

/** A block export of a side ({@code query-block-exports}): on a COLO secondary, the NBD export the primary writes to. */
public record BlockExport(String id, String nodeName, String type) {
}
