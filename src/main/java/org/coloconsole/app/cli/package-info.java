/** The headless command line (picocli). */
package org.coloconsole.app.cli;
