/** Wiring and services: side monitors (heartbeat, resync), the failover runner, configuration. */
package org.coloconsole.app;
