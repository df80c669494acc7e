/**
 * A QMP client of our own: endpoints, the line codec, id-routed commands with timeouts, events, and reconnection.
 *
 * <p>This package is the only one that knows QMP's JSON framing. What it hands upward is JSON-free:
 * {@link org.coloconsole.qmp.QmpValue} is an immutable view of a QMP value with typed accessors.
 */
package org.coloconsole.qmp;
