package org.coloconsole.colo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A simulated pair that behaves as docs/colo-behaviour.md records (what is true), and the console's view of it (the
 * observations it would get). Random faults, time and operator requests; each request goes through the interlock and,
 * if allowed, through the runbook as the runner executes it, against the simulated QEMUs. Whatever happens, two guests
 * never run apart, and no promotion starts unless the other side is fenced by the console, dead, or fenced by the
 * operator who acknowledged it.
 */
class SimulatedPairPropertyTest {

    enum Fault { KILL, FREEZE, THAW, CUT_CONSOLE_LINK, HEAL_CONSOLE_LINK, TICK, PING, REQUEST, REQUEST_AFTER_FENCING_HOST }

    record Move(Fault fault, Side side) {
    }

    /** What is true of one QEMU. */
    static final class Qemu {
        boolean dead;
        boolean frozen;
        boolean linkCut;
        boolean inColo = true;
        boolean exited;
        boolean tookOver;
        boolean guestRuns = true;

        boolean reachable() {
            return !dead && !frozen && !linkCut;
        }

        boolean replicates() {
            return !dead && !frozen && inColo && !exited && !tookOver;
        }
    }

    @Provide
    Arbitrary<List<Move>> histories() {
        Arbitrary<Move> move = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Fault.KILL)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(Fault.FREEZE, Fault.THAW)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(Fault.CUT_CONSOLE_LINK, Fault.HEAL_CONSOLE_LINK)),
                net.jqwik.api.Tuple.of(5, Arbitraries.of(Fault.TICK, Fault.PING)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(Fault.REQUEST, Fault.REQUEST_AFTER_FENCING_HOST)))
                .flatMap(f -> Arbitraries.of(Side.class).map(side -> new Move(f, side)));
        return move.list().ofMinSize(1).ofMaxSize(50);
    }

    @Property(tries = 1500)
    void twoGuestsNeverRunApartAndNoPromotionIsUnfenced(@ForAll("histories") List<Move> history) {
        Simulation sim = new Simulation();
        for (Move move : history) {
            sim.step(move);
            Qemu p = sim.truth.get(Side.PRIMARY);
            Qemu s = sim.truth.get(Side.SECONDARY);
            boolean apart = p.tookOver || s.tookOver;
            assertThat(apart && !p.dead && !s.dead && p.guestRuns && s.guestRuns)
                    .as("two guests run apart after %s", history).isFalse();
        }
        assertThat(sim.promotions).isLessThanOrEqualTo(1);
    }

    static final class Simulation {
        final Scenario console = Scenario.protectedPair();
        final Map<Side, Qemu> truth = new EnumMap<>(Side.class);
        int promotions;

        Simulation() {
            truth.put(Side.PRIMARY, new Qemu());
            truth.put(Side.SECONDARY, new Qemu());
        }

        void step(Move move) {
            Side side = move.side();
            Qemu q = truth.get(side);
            switch (move.fault()) {
                case KILL:
                    if (!q.dead) {
                        q.dead = true;
                        if (!q.linkCut) {
                            console.killed(side);
                        }
                        partnerNoticesBreak(side.other());
                    }
                    break;
                case FREEZE:
                    if (!q.dead && !q.frozen) {
                        q.frozen = true;
                        if (!q.linkCut) {
                            console.frozen(side);
                        }
                    }
                    break;
                case THAW:
                    if (q.frozen && !q.dead) {
                        q.frozen = false;
                        thawed(side, q);
                    }
                    break;
                case CUT_CONSOLE_LINK:
                    if (!q.linkCut) {
                        q.linkCut = true;
                        if (!q.dead) {
                            console.frozen(side); // pings go unanswered on an open socket
                        }
                    }
                    break;
                case HEAL_CONSOLE_LINK:
                    if (q.linkCut) {
                        q.linkCut = false;
                        if (q.dead) {
                            console.apply(new Observation.ConnectFailed(side, console.now, SocketKind.LOCAL_UNIX, ConnectFailure.REFUSED,
                                    "refused"));
                        } else if (!q.frozen) {
                            console.pingOk(side);
                        }
                    }
                    break;
                case TICK:
                    console.after(Duration.ofSeconds(1));
                    if (truth.get(Side.PRIMARY).replicates() && truth.get(Side.SECONDARY).replicates()) {
                        for (Side each : Side.values()) {
                            if (truth.get(each).reachable()) {
                                console.checkpointOn(each);
                            }
                        }
                    }
                    break;
                case PING:
                    for (Side each : Side.values()) {
                        if (truth.get(each).reachable()) {
                            console.pingOk(each);
                        }
                    }
                    break;
                case REQUEST:
                    request(side, false);
                    break;
                default:
                    // the operator powers the other host off, then says so
                    Qemu other = truth.get(side.other());
                    if (!other.dead) {
                        other.dead = true;
                        if (!other.linkCut && !other.frozen) {
                            console.frozen(side.other()); // a powered-off host closes no socket: pings just stop
                        }
                        partnerNoticesBreak(side);
                    }
                    request(side, true);
            }
        }

        /** Replication broke under {@code side}: COLO_EXIT error, once, if it still replicated. */
        private void partnerNoticesBreak(Side side) {
            Qemu q = truth.get(side);
            if (q.replicates()) {
                q.exited = true;
                if (q.reachable()) {
                    console.coloExit(side, "error");
                }
            }
        }

        private void thawed(Side side, Qemu q) {
            Qemu partner = truth.get(side.other());
            boolean partnerMovedOn = partner.dead || partner.tookOver || partner.exited;
            if (q.inColo && !q.exited && !q.tookOver && partnerMovedOn) {
                q.exited = true;
                // the secondary stays paused after its COLO_EXIT; the primary runs on (docs/colo-behaviour.md)
                q.guestRuns = q.guestRuns && side == Side.PRIMARY;
                if (!q.linkCut) {
                    console.pingOk(side);
                    if (side == Side.SECONDARY) {
                        console.apply(new Observation.Stopped(side, console.now));
                    }
                    console.coloExit(side, "error");
                }
            } else if (!q.linkCut) {
                console.pingOk(side);
            }
        }

        private void request(Side target, boolean acknowledged) {
            Side otherSide = target.other();
            Qemu chosen = truth.get(target);
            Qemu other = truth.get(otherSide);
            InterlockDecision d = FailoverInterlock.check(console.state, new FailoverRequest(target, acknowledged),
                    console.now);
            if (!d.allowed()) {
                return;
            }
            assertThat(d.fenceOtherSide() || other.dead || acknowledged)
                    .as("allowed without fencing: %s", d.sentence()).isTrue();
            console.apply(new Observation.FailoverStarted(target, console.now));
            if (d.fenceOtherSide()) {
                if (!other.reachable()) {
                    console.apply(new Observation.FailoverFailed(target, console.now, "stop timed out"));
                    return;
                }
                other.guestRuns = false;
                console.apply(new Observation.Stopped(otherSide, console.now))
                        .apply(new Observation.Fenced(otherSide, console.now, "stop"));
            }
            if (!chosen.reachable()) {
                console.apply(new Observation.FailoverFailed(target, console.now, "lost-heartbeat timed out"));
                return;
            }
            if (chosen.inColo && !chosen.tookOver) {
                // lost-heartbeat: leaves COLO and runs its guest, even one paused by an earlier stop
                chosen.tookOver = true;
                chosen.inColo = false;
                chosen.guestRuns = true;
                console.lostHeartbeatSent(target);
                partnerNoticesBreak(otherSide);
            }
            if (Verification.verified(console.state, target)) {
                promotions++;
                console.apply(new Observation.FailoverSucceeded(target, console.now));
            } else {
                console.apply(new Observation.FailoverFailed(target, console.now,
                        Verification.whyNot(console.state, target)));
            }
        }
    }
}
