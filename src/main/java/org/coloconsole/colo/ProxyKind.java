package org.coloconsole.colo;

/** What a QOM object of the COLO proxy is (QEMU's {@code qom-type}); anything else is {@code UNKNOWN}, raw kept. */
public enum ProxyKind {
    COLO_COMPARE,
    FILTER_MIRROR,
    FILTER_REDIRECTOR,
    FILTER_REWRITER,
    IOTHREAD,
    UNKNOWN
}
