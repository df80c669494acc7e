/** The crash-safe audit journal: append-only JSON Lines of events, state changes and operator actions. */
package org.coloconsole.journal;
