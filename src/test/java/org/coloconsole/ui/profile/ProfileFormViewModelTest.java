package org.coloconsole.ui.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.coloconsole.app.profile.ConnectionProfile;
import org.junit.jupiter.api.Test;

class ProfileFormViewModelTest {
    private final ProfileFormViewModel form = new ProfileFormViewModel();

    private void fillValid() {
        form.nameProperty().set("rack-3");
        form.primaryProperty().set("tcp:10.0.0.1:4444");
        form.secondaryProperty().set("unix:/run/colo/secondary.sock");
    }

    @Test
    void anEmptyFormSaysWhatEachFieldNeeds() {
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.nameErrorProperty().get()).startsWith("Give the pair a name");
        assertThat(form.primaryErrorProperty().get()).startsWith("Enter the primary's monitor");
        assertThat(form.intervalErrorProperty().get()).isEmpty();
    }

    @Test
    void aValidFormBecomesAProfile() {
        fillValid();
        assertThat(form.validProperty().get()).isTrue();
        ConnectionProfile p = form.toProfile().orElseThrow();
        assertThat(p.name()).isEqualTo("rack-3");
        assertThat(p.intervalMs()).isEqualTo(250);
        assertThat(p.misses()).isEqualTo(3);
    }

    @Test
    void aBadEndpointIsShownBesideItsFieldInTheParsersWords() {
        fillValid();
        form.primaryProperty().set("tcp:10.0.0.1");
        assertThat(form.primaryErrorProperty().get()).isEqualTo("'tcp:10.0.0.1' has no port: write tcp:HOST:PORT");
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.toProfile()).isEmpty();
    }

    @Test
    void aNegativeIntervalIsRefusedInASentence() {
        fillValid();
        form.intervalProperty().set("-5");
        assertThat(form.intervalErrorProperty().get()).isEqualTo("The interval must be at least 10; it cannot be negative.");
        form.intervalProperty().set("abc");
        assertThat(form.intervalErrorProperty().get()).isEqualTo("The interval must be a whole number.");
        assertThat(form.validProperty().get()).isFalse();
    }

    @Test
    void aPingTimeoutShorterThanTheIntervalIsACrossFieldError() {
        fillValid();
        form.intervalProperty().set("500");
        form.pingTimeoutProperty().set("100");
        assertThat(form.heartbeatErrorProperty().get()).isEqualTo("The ping timeout must not be shorter than the interval.");
        assertThat(form.validProperty().get()).isFalse();
    }

    @Test
    void bothSidesOnOneMonitorIsRefused() {
        fillValid();
        form.secondaryProperty().set("tcp:10.0.0.1:4444");
        assertThat(form.secondaryErrorProperty().get()).isEqualTo("The secondary must be a different monitor from the primary.");
    }

    @Test
    void loadingASavedProfileFillsEveryField() {
        form.load(new ConnectionProfile("lab", "unix:/a.sock", "unix:/b.sock", 100, 5, 1000, null));
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.missesProperty().get()).isEqualTo("5");
    }
}
