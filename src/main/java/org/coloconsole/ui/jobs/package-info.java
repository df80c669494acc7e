/** Background jobs of both sides. */
package org.coloconsole.ui.jobs;
