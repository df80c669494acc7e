/** Restoring protection after a failover from the window: the dialog, its state and what it asks of the session. */
package org.coloconsole.ui.restore;
