/** The two side cards, the recommendation banner and the failover controls. */
package org.coloconsole.ui.dashboard;
