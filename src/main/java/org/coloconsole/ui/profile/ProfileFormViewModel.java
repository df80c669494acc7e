package org.coloconsole.ui.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import org.coloconsole.app.profile.AutoFailoverProfile;
import org.coloconsole.app.profile.ConnectionProfile;
import org.coloconsole.app.profile.ProbeProblems;
import org.coloconsole.app.profile.ProfileProbes;
import org.coloconsole.app.profile.SecurityProblems;
import org.coloconsole.engine.HeartbeatSettings;
import org.coloconsole.qmp.Endpoint;

/**
 * The connection dialog's fields, each validated as it is typed; an error is a sentence shown beside its field. The
 * TLS and plain-TCP rules are {@link SecurityProblems}', so a stored profile is held to the same ones.
 */
public final class ProfileFormViewModel {
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty primary = new SimpleStringProperty("");
    private final StringProperty secondary = new SimpleStringProperty("");
    private final StringProperty interval = new SimpleStringProperty("250");
    private final StringProperty misses = new SimpleStringProperty("3");
    private final StringProperty pingTimeout = new SimpleStringProperty("3000");
    private final StringProperty tlsCa = new SimpleStringProperty("");
    private final StringProperty tlsCert = new SimpleStringProperty("");
    private final StringProperty tlsKey = new SimpleStringProperty("");
    private final BooleanProperty allowInsecure = new SimpleBooleanProperty(false);
    private final StringProperty probePrimary = new SimpleStringProperty("");
    private final StringProperty probePrimaryStatus = new SimpleStringProperty("");
    private final StringProperty probeSecondary = new SimpleStringProperty("");
    private final StringProperty probeSecondaryStatus = new SimpleStringProperty("");
    private final BooleanProperty allowRemoteProbes = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper primaryError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper secondaryError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper intervalError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper missesError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pingTimeoutError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper heartbeatError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tlsCaError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tlsCertError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tlsKeyError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper probePrimaryError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper probePrimaryStatusError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper probeSecondaryError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper probeSecondaryStatusError = new ReadOnlyStringWrapper("");
    private final StringProperty alertCommand = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper alertCommandError = new ReadOnlyStringWrapper("");
    private final BooleanBinding valid;

    public ProfileFormViewModel() {
        name.addListener((o, a, b) -> validate());
        primary.addListener((o, a, b) -> validate());
        secondary.addListener((o, a, b) -> validate());
        interval.addListener((o, a, b) -> validate());
        misses.addListener((o, a, b) -> validate());
        pingTimeout.addListener((o, a, b) -> validate());
        tlsCa.addListener((o, a, b) -> validate());
        tlsCert.addListener((o, a, b) -> validate());
        tlsKey.addListener((o, a, b) -> validate());
        allowInsecure.addListener((o, a, b) -> validate());
        for (ObservableValue<?> probeField : List.of(probePrimary, probePrimaryStatus,
                probeSecondary, probeSecondaryStatus, allowRemoteProbes)) {
            probeField.addListener((o, a, b) -> validate());
        }
        alertCommand.addListener((o, a, b) -> validate());
        valid = Bindings.createBooleanBinding(() -> nameError.get().isEmpty() && primaryError.get().isEmpty()
                        && secondaryError.get().isEmpty() && intervalError.get().isEmpty() && missesError.get().isEmpty()
                        && pingTimeoutError.get().isEmpty() && heartbeatError.get().isEmpty()
                        && tlsCaError.get().isEmpty() && tlsCertError.get().isEmpty() && tlsKeyError.get().isEmpty()
                        && probePrimaryError.get().isEmpty() && probePrimaryStatusError.get().isEmpty()
                        && probeSecondaryError.get().isEmpty() && probeSecondaryStatusError.get().isEmpty()
                        && alertCommandError.get().isEmpty(),
                nameError, primaryError, secondaryError, intervalError, missesError, pingTimeoutError, heartbeatError,
                tlsCaError, tlsCertError, tlsKeyError, probePrimaryError, probePrimaryStatusError, probeSecondaryError,
                probeSecondaryStatusError, alertCommandError);
        validate();
    }

    private AutoFailoverProfile autoFailover;

    /** Fills the fields from a saved profile. */
    public void load(ConnectionProfile p) {
        name.set(p.name());
        primary.set(p.primary());
        secondary.set(p.secondary());
        interval.set(Long.toString(p.intervalMs()));
        misses.set(Integer.toString(p.misses()));
        pingTimeout.set(Long.toString(p.pingTimeoutMs()));
        tlsCa.set(orEmpty(p.tlsCa()));
        tlsCert.set(orEmpty(p.tlsCert()));
        tlsKey.set(orEmpty(p.tlsKey()));
        allowInsecure.set(p.allowInsecure());
        ProfileProbes probes = p.probes();
        probePrimary.set(probes == null ? "" : orEmpty(probes.primary()));
        probePrimaryStatus.set(probes == null ? "" : statusText(probes.primaryStatus()));
        probeSecondary.set(probes == null ? "" : orEmpty(probes.secondary()));
        probeSecondaryStatus.set(probes == null ? "" : statusText(probes.secondaryStatus()));
        allowRemoteProbes.set(probes != null && probes.allowRemote());
        // the form has no fields for it (yet): kept as loaded, so saving from the form loses nothing
        autoFailover = p.autoFailover();
        alertCommand.set(orEmpty(p.alertCommand()));
    }

    private static String statusText(Integer status) {
        return status == null ? "" : status.toString();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private void validate() {
        nameError.set(name.get().isBlank() ? "Give the pair a name, e.g. rack-3 web." : "");
        SecurityProblems security = SecurityProblems.find(primary.get(), secondary.get(), tlsCa.get(), tlsCert.get(),
                tlsKey.get(), allowInsecure.get());
        primaryError.set(firstOf(endpointError(primary.get(), "primary"), security.primary()));
        secondaryError.set(firstOf(endpointError(secondary.get(), "secondary"), security.secondary()));
        if (secondaryError.get().isEmpty() && primaryError.get().isEmpty()
                && primary.get().strip().equals(secondary.get().strip())) {
            secondaryError.set("The secondary must be a different monitor from the primary.");
        }
        tlsCaError.set(security.ca());
        tlsCertError.set(security.cert());
        tlsKeyError.set(security.key());
        ProbeProblems probes = ProbeProblems.find(probePrimary.get(), probePrimaryStatus.get(), probeSecondary.get(),
                probeSecondaryStatus.get(), allowRemoteProbes.get());
        probePrimaryError.set(probes.primary());
        probePrimaryStatusError.set(probes.primaryStatus());
        probeSecondaryError.set(probes.secondary());
        probeSecondaryStatusError.set(probes.secondaryStatus());
        intervalError.set(numberError(interval.get(), "The interval", 10));
        missesError.set(numberError(misses.get(), "Misses", 1));
        pingTimeoutError.set(numberError(pingTimeout.get(), "The ping timeout", 10));
        alertCommandError.set(alertCommandError(alertCommand.get().strip()));
        heartbeatError.set("");
        if (intervalError.get().isEmpty() && missesError.get().isEmpty() && pingTimeoutError.get().isEmpty()) {
            try {
                heartbeat();
            } catch (IllegalArgumentException e) {
                heartbeatError.set(capitalise(e.getMessage()) + ".");
            }
        }
    }

    /** Empty when the alert command can run: none, or an absolute path to an executable file. */
    private static String alertCommandError(String text) {
        if (text.isEmpty()) {
            return "";
        }
        Path program = Path.of(text);
        if (!program.isAbsolute()) {
            return "The alert command must be an absolute path, e.g. /usr/local/bin/page-oncall.";
        }
        if (!Files.isRegularFile(program)) {
            return "There is no file " + text + ".";
        }
        return Files.isExecutable(program) ? "" : text + " is not executable (chmod +x).";
    }

    private static String endpointError(String text, String side) {
        if (text.isBlank()) {
            return "Enter the " + side + "'s monitor, e.g. tls:10.0.0.1:4444 or unix:/run/colo/" + side + ".sock.";
        }
        try {
            Endpoint.parse(text.strip());
            return "";
        } catch (IllegalArgumentException e) {
            return capitalise(e.getMessage());
        }
    }

    private static String firstOf(String problem, String next) {
        return problem.isEmpty() ? next : problem;
    }

    private static String numberError(String text, String what, long min) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return what + " must be a whole number.";
        }
        if (value < min) {
            return what + " must be at least " + min + (value < 0 ? "; it cannot be negative." : ".");
        }
        return "";
    }

    private static String capitalise(String sentence) {
        return sentence == null || sentence.isEmpty() ? "Not valid."
                : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    private HeartbeatSettings heartbeat() {
        return new HeartbeatSettings(Duration.ofMillis(Long.parseLong(interval.get().strip())),
                Integer.parseInt(misses.get().strip()), Duration.ofMillis(Long.parseLong(pingTimeout.get().strip())));
    }

    /** The profile the fields describe, when they are all valid. */
    public Optional<ConnectionProfile> toProfile() {
        if (!valid.get()) {
            return Optional.empty();
        }
        return Optional.of(new ConnectionProfile(name.get().strip(), primary.get().strip(), secondary.get().strip(),
                Long.parseLong(interval.get().strip()), Integer.parseInt(misses.get().strip()),
                Long.parseLong(pingTimeout.get().strip()), null, tlsCa.get(), tlsCert.get(), tlsKey.get(),
                allowInsecure.get(), new ProfileProbes(probePrimary.get(), status(probePrimaryStatus.get()),
                probeSecondary.get(), status(probeSecondaryStatus.get()), allowRemoteProbes.get()), autoFailover,
                alertCommand.get()));
    }

    /** Blank is "not given" (200 for an HTTP probe); the form has checked the rest. */
    private static Integer status(String text) {
        return text.isBlank() ? null : Integer.valueOf(text.strip());
    }

    public StringProperty nameProperty() { return name; }
    /** A program run at each alert with the event as JSON on stdin; blank for none. */
    public StringProperty alertCommandProperty() { return alertCommand; }
    public ReadOnlyStringProperty alertCommandErrorProperty() { return alertCommandError.getReadOnlyProperty(); }
    public StringProperty primaryProperty() { return primary; }
    public StringProperty secondaryProperty() { return secondary; }
    public StringProperty intervalProperty() { return interval; }
    public StringProperty missesProperty() { return misses; }
    public StringProperty pingTimeoutProperty() { return pingTimeout; }
    public ReadOnlyStringProperty nameErrorProperty() { return nameError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty primaryErrorProperty() { return primaryError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty secondaryErrorProperty() { return secondaryError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty intervalErrorProperty() { return intervalError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty missesErrorProperty() { return missesError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty pingTimeoutErrorProperty() { return pingTimeoutError.getReadOnlyProperty(); }
    /** A rule that spans fields, e.g. the ping timeout shorter than the interval. */
    public ReadOnlyStringProperty heartbeatErrorProperty() { return heartbeatError.getReadOnlyProperty(); }
    /** Path texts of the PEM files; only paths are held, never what the files contain. */
    public StringProperty tlsCaProperty() { return tlsCa; }
    public StringProperty tlsCertProperty() { return tlsCert; }
    public StringProperty tlsKeyProperty() { return tlsKey; }
    public BooleanProperty allowInsecureProperty() { return allowInsecure; }
    /** The CA file's problem, or a rule spanning the TLS fields (a tls: monitor without a CA, files nobody uses). */
    public ReadOnlyStringProperty tlsCaErrorProperty() { return tlsCaError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty tlsCertErrorProperty() { return tlsCertError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty tlsKeyErrorProperty() { return tlsKeyError.getReadOnlyProperty(); }
    /** A probe per side: {@code tcp:HOST:PORT} or {@code http://HOST:PORT/PATH}; blank for none. */
    public StringProperty probePrimaryProperty() { return probePrimary; }
    /** The HTTP status the primary's probe expects; blank for 200. */
    public StringProperty probePrimaryStatusProperty() { return probePrimaryStatus; }
    public StringProperty probeSecondaryProperty() { return probeSecondary; }
    public StringProperty probeSecondaryStatusProperty() { return probeSecondaryStatus; }
    public BooleanProperty allowRemoteProbesProperty() { return allowRemoteProbes; }
    public ReadOnlyStringProperty probePrimaryErrorProperty() { return probePrimaryError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty probePrimaryStatusErrorProperty() { return probePrimaryStatusError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty probeSecondaryErrorProperty() { return probeSecondaryError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty probeSecondaryStatusErrorProperty() { return probeSecondaryStatusError.getReadOnlyProperty(); }
    public BooleanBinding validProperty() { return valid; }
}
