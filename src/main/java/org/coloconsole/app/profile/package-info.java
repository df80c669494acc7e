/** Connection profiles stored as JSON in the XDG config dir. */
package org.coloconsole.app.profile;
