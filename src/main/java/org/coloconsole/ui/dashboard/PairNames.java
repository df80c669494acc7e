package org.coloconsole.ui.dashboard;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.coloconsole.app.GuiLauncher.PairEndpoints;
import org.coloconsole.colo.SideState;

/**
 * The names an operator recognises a pair and its sides by: the pair's name (a profile's, or one made from the
 * endpoints), each side's host and the VM's {@code -name}. One place, so the title, the banner, the cards and the
 * confirmation say the same.
 */
public final class PairNames {
    private PairNames() {
    }

    /** A name for a pair opened without a profile or {@code --name} (the app layer makes it). */
    public static String derived(PairEndpoints pair) {
        return pair.derivedName();
    }

    /** The host a side's monitor is on, as the operator would name it: a UNIX socket is on this machine. */
    public static String host(String endpointText) {
        Objects.requireNonNull(endpointText, "endpointText");
        String lower = endpointText.toLowerCase(Locale.ROOT);
        if (lower.startsWith("unix:")) {
            return "this machine";
        }
        int colon = endpointText.indexOf(':');
        int last = endpointText.lastIndexOf(':');
        if (colon < 0 || last <= colon) {
            return endpointText;
        }
        String host = endpointText.substring(colon + 1, last);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** "VM colo-primary on this machine", or only the host while QEMU's name is not known. */
    public static String sidePhrase(SideState side) {
        return vm(side).map(name -> "VM " + name + " on " + host(side.endpoint()))
                .orElse("on " + host(side.endpoint()));
    }

    public static Optional<String> vm(SideState side) {
        return side.vmName();
    }
}
