/** The connection profile dialog. */
package org.coloconsole.ui.profile;
