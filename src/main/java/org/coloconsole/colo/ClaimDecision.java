package org.coloconsole.colo;

/**
 * What a console does when a side's claim is already held: the one rule for taking a claim over. A claim is taken
 * over only when its holder is a process of this host that is gone (a console that crashed in a runbook); any other
 * holder is refused with its name, and only the operator clears it (docs/colo-behaviour.md, "The claim").
 */
public sealed interface ClaimDecision {

    /** What this host knows of the holder's process. */
    enum HolderProcess {
        /** The holder runs on this host and its process is alive. */
        ALIVE_HERE,
        /** The holder names this host, and no process with its pid runs here. */
        GONE_HERE,
        /** The holder is on another host (or does not say): this host cannot tell whether it lives. */
        ELSEWHERE
    }

    /** The claim is this console's own (taken earlier in this process). */
    record Own() implements ClaimDecision {
    }

    /** The holder crashed on this host: delete its claim and take it. */
    record TakeOver(Claim stale) implements ClaimDecision {
    }

    /** Another console holds it: nothing that promotes may be sent. */
    record Refused(Claim holder, String sentence) implements ClaimDecision {
    }

    static ClaimDecision onHeld(Side side, Claim me, Claim holder, HolderProcess process) {
        if (holder.sameHolder(me)) {
            return new Own();
        }
        if (process == HolderProcess.GONE_HERE && holder.identified() && holder.host().equals(me.host())) {
            return new TakeOver(holder);
        }
        String why = process == HolderProcess.ALIVE_HERE
                ? "another console on this host is running a failover on this pair"
                : "another console holds it; this host cannot tell whether it still runs";
        return new Refused(holder, "The " + side.label() + " is claimed by " + holder.holder() + ": " + why
                + ". Nothing was sent. Wait for it to finish; if that console is gone for good, clear its claim with "
                + "colo-console qmp ENDPOINT object-del '{\"id\":\"" + Claim.OBJECT_ID + "\"}' --force.");
    }
}
