package org.coloconsole.app.profile;

import java.util.Optional;
import org.coloconsole.colo.ServiceProbe;
import org.coloconsole.colo.ServiceProbes;

/**
 * A profile's service probes as saved: per side a probe text ({@code tcp:HOST:PORT} or {@code http://HOST:PORT/PATH},
 * null for none) and, for HTTP, the expected status (null: 200). Saved as typed, so a probe the console cannot use is
 * refused with a sentence when the profile is opened, never silently dropped.
 *
 * @param allowRemote whether the probes may reach hosts that are not loopback
 */
public record ProfileProbes(String primary, Integer primaryStatus, String secondary, Integer secondaryStatus,
                            boolean allowRemote) {
    public ProfileProbes {
        primary = blankToNull(primary);
        secondary = blankToNull(secondary);
    }

    /** What the fields describe, as the engine runs them. */
    public ServiceProbes serviceProbes() {
        ProbeProblems problems = ProbeProblems.find(primary, text(primaryStatus), secondary, text(secondaryStatus),
                allowRemote);
        problems.first().ifPresent(sentence -> {
            throw new IllegalArgumentException(sentence);
        });
        return new ServiceProbes(probe(primary, primaryStatus), probe(secondary, secondaryStatus), allowRemote,
                ServiceProbes.DEFAULT_WITHIN);
    }

    /** None set: the profile is written without them. */
    public boolean empty() {
        return primary == null && secondary == null && primaryStatus == null && secondaryStatus == null && !allowRemote;
    }

    private static Optional<ServiceProbe> probe(String text, Integer status) {
        return text == null ? Optional.empty() : ServiceProbe.parse(text, status == null ? 200 : status);
    }

    static String text(Integer status) {
        return status == null ? "" : status.toString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
