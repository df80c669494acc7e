/**
 * The runtime that drives the two QEMUs: a link per side (connection, heartbeat, re-read after a reconnect), the
 * state loop that reduces observations on one thread, the failover and job-action runners, the log feed and the
 * audit trail. It holds no entry points and no settings of its own: {@code app} composes it.
 */
package org.coloconsole.engine;
