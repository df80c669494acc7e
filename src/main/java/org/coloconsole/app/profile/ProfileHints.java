package org.coloconsole.app.profile;

import org.coloconsole.qmp.SecurityRemedy;

/**
 * Adds the window's way to do what the qmp layer's neutral advice says — which field of the profile dialog to fill,
 * which box to tick — as the command line adds its flags: "…, or allow insecure plain TCP (Connect…: tick "Allow plain
 * TCP to a non-loopback host (insecure)")". The dialog's labels are named here so the hint and the dialog agree.
 */
public final class ProfileHints {
    public static final String CA_FIELD = "CA certificate";
    public static final String CERTIFICATE_FIELD = "Client certificate";
    public static final String KEY_FIELD = "Client key (PKCS#8)";

    private ProfileHints() {
    }

    /** {@code text} with the dialog's field or box after each remedy it mentions. */
    public static String add(String text) {
        return SecurityRemedy.hinted(text, ProfileHints::where);
    }

    private static String where(SecurityRemedy remedy) {
        // exhaustive: a new remedy is a compile error here until the dialog names where it is
        return switch (remedy) {
            case ALLOW_INSECURE -> "Connect…: tick \"" + SecurityProblems.INSECURE_CHOICE + "\"";
            case GIVE_CA -> "Connect…: " + CA_FIELD;
            case GIVE_CLIENT_CERTIFICATE -> "Connect…: " + CERTIFICATE_FIELD + " and " + KEY_FIELD;
        };
    }
}
