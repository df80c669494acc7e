package org.coloconsole.app.cli;

import org.coloconsole.qmp.SecurityRemedy;

/** Adds the command line's flags to the qmp layer's neutral advice: "…, or allow insecure plain TCP (--allow-insecure)". */
final class FlagHints {
    private FlagHints() {
    }

    /** {@code text} with the flag after each remedy it mentions; text for people, never for {@code --json}. */
    static String add(String text) {
        return SecurityRemedy.hinted(text, FlagHints::flag);
    }

    private static String flag(SecurityRemedy remedy) {
        // exhaustive: a new remedy is a compile error here until the CLI names its flag
        return switch (remedy) {
            case ALLOW_INSECURE -> "--allow-insecure";
            case GIVE_CA -> "--tls-ca FILE";
            case GIVE_CLIENT_CERTIFICATE -> "--tls-cert FILE --tls-key FILE";
        };
    }
}
