/** The JavaFX operator console: application start and the single crossing into the FX thread. */
package org.coloconsole.ui;
