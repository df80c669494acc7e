package org.coloconsole.engine;

import java.io.IOException;

/** Opens the audit trail; the entry point decides which (the journal in the XDG data dir, normally). */
@FunctionalInterface
public interface AuditTrailFactory {
    AuditTrail open() throws IOException;
}
