package org.coloconsole.app.profile;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.coloconsole.colo.ServiceProbe;

/**
 * What is wrong with a profile's service probes, one sentence per field ({@code ""} when fine): the dialog shows each
 * beside its field as it is typed, and a stored profile is held to the same rules when it is opened.
 *
 * @param primary         about the primary's probe text
 * @param primaryStatus   about the primary's expected HTTP status
 * @param secondary       about the secondary's probe text
 * @param secondaryStatus about the secondary's expected HTTP status
 */
public record ProbeProblems(String primary, String primaryStatus, String secondary, String secondaryStatus) {
    public static final String REMOTE_CHOICE = "Allow probes to hosts that are not loopback";

    /** @param primaryText blank for no probe; {@code primaryStatusText} blank for 200 (the same for the secondary) */
    public static ProbeProblems find(String primaryText, String primaryStatusText, String secondaryText,
                                     String secondaryStatusText, boolean allowRemote) {
        return new ProbeProblems(probeProblem(primaryText, "primary", allowRemote),
                statusProblem(primaryText, primaryStatusText),
                probeProblem(secondaryText, "secondary", allowRemote),
                statusProblem(secondaryText, secondaryStatusText));
    }

    public Optional<String> first() {
        return Stream.of(primary, primaryStatus, secondary, secondaryStatus).filter(p -> !p.isEmpty()).findFirst();
    }

    private static String probeProblem(String text, String side, boolean allowRemote) {
        if (blank(text)) {
            return "";
        }
        String problem = ServiceProbe.problem(text);
        if (!problem.isEmpty()) {
            return "The " + side + "'s probe " + sentence(problem);
        }
        ServiceProbe probe = ServiceProbe.parse(text).orElseThrow();
        if (!allowRemote && !SecurityProblems.isLoopback(probe.host())) {
            return "The " + side + "'s probe goes to " + probe.host() + ", which is not loopback: tick \""
                    + REMOTE_CHOICE + "\" to let the console reach it.";
        }
        return "";
    }

    private static String statusProblem(String probeText, String statusText) {
        if (blank(statusText)) {
            return "";
        }
        int status;
        try {
            status = Integer.parseInt(statusText.strip());
        } catch (NumberFormatException e) {
            return "The expected status must be a number, e.g. 200.";
        }
        if (status < 100 || status > 599) {
            return "The expected status must be an HTTP status, from 100 to 599.";
        }
        if (blank(probeText)) {
            return "An expected status needs an http:// probe beside it.";
        }
        if (probeText.strip().toLowerCase(Locale.ROOT).startsWith("tcp:")) {
            return "A tcp: probe only connects and reads no status: leave the expected status empty.";
        }
        return "";
    }

    /** ServiceProbe's words ("\"x\" is not a probe: …"), after "The primary's probe", as a sentence. */
    private static String sentence(String problem) {
        return problem.endsWith(".") ? problem : problem + ".";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
