package org.coloconsole.colo;

/**
 * The interlock's answer: allowed (and whether the console will fence the other side itself), or refused with a
 * sentence for the operator — never an exception.
 */
public record InterlockDecision(boolean allowed, boolean fenceOtherSide, String sentence) {

    static InterlockDecision refuse(String sentence) {
        return new InterlockDecision(false, false, sentence);
    }

    static InterlockDecision allow(boolean fenceOtherSide, String sentence) {
        return new InterlockDecision(true, fenceOtherSide, sentence);
    }
}
