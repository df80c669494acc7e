package org.coloconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The failover outcome's pop-up is as wide as its longest line: the sentence is wrapped so it stays in the window. */
class OutcomeNoteWrapTest {
    @Test
    void aLongOutcomeIsBrokenAtSpacesIntoLinesNoLongerThanTheColumnsAndLosesNoWord() {
        String sentence = "Secondary carries on alone: it left COLO on request and its guest runs; QEMU runs; service "
                + "not checked. Now: disk: replica, not exported; network: direct (rewriter left for re-protection).";
        String wrapped = ConsoleWindow.wrapped(sentence, ConsoleWindow.NOTE_COLUMNS);
        assertThat(wrapped.lines()).hasSizeGreaterThan(2)
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(ConsoleWindow.NOTE_COLUMNS));
        assertThat(wrapped.replace('\n', ' ')).isEqualTo(sentence);
        assertThat(ConsoleWindow.wrapped("short", 64)).isEqualTo("short");
    }
}
