/** The merged live event log of both sides. */
package org.coloconsole.ui.log;
