/** The COLO domain: typed observations, per-side and pair state, heartbeat classification, recommendation and failover interlock. Pure Java: no I/O, no JSON, no JavaFX. */
package org.coloconsole.colo;
