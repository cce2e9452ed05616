package io.jkeepalived.vrrp.fsm;

import io.jkeepalived.vrrp.fsm.VrrpAction.AddVips;
import io.jkeepalived.vrrp.fsm.VrrpAction.RemoveVips;
import io.jkeepalived.vrrp.fsm.VrrpAction.SendAdvert;
import io.jkeepalived.vrrp.fsm.VrrpAction.StateChanged;
import io.jkeepalived.vrrp.fsm.VrrpEvent.AdvertReceived;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Start;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Stop;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Tick;
import io.jkeepalived.vrrp.fsm.VrrpEvent.TrackerChanged;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Election properties of the state machine, on a simulated segment ({@link FakeLan}) with a fake clock. */
class VrrpElectionPropertiesTest {

    static final long MS = 1_000_000L;

    /** The timing a VRID uses on both routers: version and advert interval must match between peers. */
    record Timing(int version, int advertCentis) {
        long advertNanos() {
            return advertCentis * 10 * MS;
        }
    }

    @Provide
    Arbitrary<Timing> timings() {
        Arbitrary<Timing> v2 = Arbitraries.integers().between(1, 3).map(s -> new Timing(2, s * 100));
        Arbitrary<Timing> v3 = Arbitraries.integers().between(5, 300).map(c -> new Timing(3, c));
        return Arbitraries.oneOf(v2, v3);
    }

    static VrrpInstanceConfig config(String name, Timing t, int priority, int hostByte, boolean nopreempt) {
        return VrrpInstanceConfig.builder(name, 51).version(t.version()).advertIntervalCentis(t.advertCentis())
                .priority(priority).nopreempt(nopreempt).primaryAddress(ip("198.51.100." + hostByte)).build();
    }

    @Property(tries = 300)
    void twoRoutersConvergeToOneMasterTheHigherPriority(
            @ForAll("timings") Timing timing,
            @ForAll @IntRange(min = 1, max = 254) int priorityA,
            @ForAll @IntRange(min = 1, max = 254) int priorityB,
            @ForAll @IntRange(min = 0, max = 5000) int startA,
            @ForAll @IntRange(min = 0, max = 5000) int startB,
            @ForAll @IntRange(min = 0, max = 3) int latencyMs) {
        FakeLan lan = new FakeLan(latencyMs * MS);
        lan.add(config("A", timing, priorityA, 10, false));
        lan.add(config("B", timing, priorityB, 20, false));
        lan.schedule(startA * MS, 0, new Start());
        lan.schedule(startB * MS, 1, new Start());

        long horizon = Math.max(startA, startB) * MS + 20 * timing.advertNanos() + 2_000 * MS;
        lan.runUntil(horizon, 100_000);

        assertThat(lan.masters()).as("masters at the end").isEqualTo(1);
        VrrpState a = lan.nodes.get(0).fsm.state();
        if (priorityA > priorityB) {
            assertThat(a).isEqualTo(VrrpState.MASTER);
        } else if (priorityB > priorityA) {
            assertThat(a).isEqualTo(VrrpState.BACKUP);
        } else if (startA == startB && latencyMs > 0) {
            // Both time out together and meet as masters: the higher address (B) stays. On an equal-priority
            // tie where one started first, keepalived (and RFC 3768 §6.4.2) keep whichever became master first.
            assertThat(a).isEqualTo(VrrpState.BACKUP);
        }
    }

    @Property(tries = 150)
    void threeRoutersElectTheHighestPriority(
            @ForAll("timings") Timing timing,
            @ForAll @Size(3) List<@IntRange(min = 1, max = 254) Integer> priorities,
            @ForAll @Size(3) List<@IntRange(min = 0, max = 4000) Integer> startsMs,
            @ForAll @IntRange(min = 0, max = 2) int latencyMs) {
        FakeLan lan = new FakeLan(latencyMs * MS);
        for (int i = 0; i < 3; i++) {
            lan.add(config("R" + i, timing, priorities.get(i), 10 + i, false));
            lan.schedule(startsMs.get(i) * MS, i, new Start());
        }
        long horizon = 4_000 * MS + 20 * timing.advertNanos() + 2_000 * MS;
        lan.runUntil(horizon, 200_000);
        assertThat(lan.masters()).isEqualTo(1);
        int best = priorities.stream().mapToInt(Integer::intValue).max().orElseThrow();
        FakeLan.Node master = lan.nodes.stream().filter(n -> n.fsm.state() == VrrpState.MASTER).findFirst().orElseThrow();
        assertThat(master.fsm.effectivePriority()).isEqualTo(best);
    }

    @Property(tries = 200)
    void theSurvivorTakesOverExactlyMasterDownAfterTheLastAdvert(
            @ForAll("timings") Timing timing,
            @ForAll @IntRange(min = 2, max = 254) int priorityMaster,
            @ForAll @IntRange(min = 1, max = 253) int priorityBackupSeed,
            @ForAll @IntRange(min = 0, max = 3000) int startDelay,
            @ForAll @IntRange(min = 1, max = 15) int advertsBeforeCrash) {
        int priorityBackup = 1 + priorityBackupSeed % (priorityMaster - 1);
        FakeLan lan = new FakeLan(0);
        lan.add(config("A", timing, priorityMaster, 10, false));
        lan.add(config("B", timing, priorityBackup, 20, false));
        lan.schedule(0, 0, new Start());
        lan.schedule(startDelay * MS, 1, new Start());
        // A is master (and B backup) once both have run a full master-down interval.
        long settled = startDelay * MS + 4 * timing.advertNanos() + 1_000 * MS;
        long crashAt = settled + advertsBeforeCrash * timing.advertNanos();
        lan.runUntil(crashAt, 100_000);
        assertThat(lan.nodes.get(0).fsm.state()).isEqualTo(VrrpState.MASTER);
        long lastAdvert = lan.nodes.get(0).lastAdvertNanos;
        lan.crash(0);
        lan.runUntil(crashAt + 5 * timing.advertNanos() + 1_000 * MS, 100_000);

        long skewMicros = timing.version() == 2 ? (256L - priorityBackup) * 1_000_000 / 256
                : (256L - priorityBackup) * timing.advertCentis() * 625 / 16;
        long masterDown = (3L * timing.advertCentis() * 10_000 + skewMicros) * 1000;
        FakeLan.Transition takeover = lan.transitions.get(lan.transitions.size() - 1);
        assertThat(takeover.node()).isEqualTo(1);
        assertThat(takeover.to()).isEqualTo(VrrpState.MASTER);
        assertThat(takeover.atNanos()).isEqualTo(lastAdvert + masterDown);
    }

    @Property(tries = 200)
    void aBackupNeverBecomesMasterWhileAdvertsArriveInTime(
            @ForAll("timings") Timing timing,
            @ForAll @IntRange(min = 1, max = 254) int ownPriority,
            @ForAll @IntRange(min = 0, max = 254) int masterPrioritySeed,
            @ForAll boolean nopreempt,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 999) Integer> gapsPerMille) {
        // The master is heard at gaps shorter than master-down; it has at least our priority unless nopreempt.
        int masterPriority = nopreempt ? 1 + masterPrioritySeed % 254 : ownPriority + masterPrioritySeed % (255 - ownPriority);
        FakeClock clock = new FakeClock(-5_000_000_000L);
        VrrpStateMachine fsm = new VrrpStateMachine(config("B", timing, ownPriority, 20, nopreempt), clock);
        VrrpStep step = fsm.handle(new Start());
        long masterDown = fsm.masterDownMicros() * 1000;
        long t = clock.now();
        for (int gap : gapsPerMille) {
            t += masterDown * gap / 1000;
            // A tick just before the advert must not cause a takeover.
            clock.set(t - 1);
            step = fsm.handle(new Tick());
            assertThat(fsm.state()).isEqualTo(VrrpState.BACKUP);
            clock.set(t);
            step = fsm.handle(new AdvertReceived(ip("198.51.100.10"), masterPriority, timing.advertCentis()));
            assertThat(fsm.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(step.wakeupAtNanos().getAsLong() - t).isEqualTo(fsm.masterDownMicros() * 1000);
        }
        clock.set(step.wakeupAtNanos().getAsLong() - 1);
        fsm.handle(new Tick());
        assertThat(fsm.state()).isEqualTo(VrrpState.BACKUP);
        clock.set(step.wakeupAtNanos().getAsLong());
        fsm.handle(new Tick());
        assertThat(fsm.state()).isEqualTo(VrrpState.MASTER);
    }

    @Property(tries = 200)
    void nopreemptNeverPreemptsALiveMaster(
            @ForAll("timings") Timing timing,
            @ForAll @IntRange(min = 1, max = 253) int priorityLow,
            @ForAll @IntRange(min = 1, max = 253) int extra,
            @ForAll @IntRange(min = 0, max = 20_000) int joinAfterMs,
            @ForAll @IntRange(min = 0, max = 3) int latencyMs) {
        int priorityHigh = Math.min(254, priorityLow + extra);
        FakeLan lan = new FakeLan(latencyMs * MS);
        lan.add(config("A", timing, priorityLow, 10, false));
        lan.add(config("B", timing, priorityHigh, 20, true));
        lan.schedule(0, 0, new Start());
        long aMaster = 4 * timing.advertNanos() + 1_000 * MS;
        lan.schedule(aMaster + joinAfterMs * MS, 1, new Start());
        lan.runUntil(aMaster + joinAfterMs * MS + 30 * timing.advertNanos(), 100_000);
        assertThat(lan.transitions).noneMatch(tr -> tr.node() == 1 && tr.to() == VrrpState.MASTER);
        assertThat(lan.nodes.get(0).fsm.state()).isEqualTo(VrrpState.MASTER);
    }

    /** One random input to the machine. */
    record Input(int kind, int a, int b, boolean flag) {
    }

    @Provide
    Arbitrary<List<Input>> inputs() {
        Arbitrary<Input> one = Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 4_000_000),
                Arbitraries.of(true, false)).as(Input::new);
        return one.list().ofMaxSize(200);
    }

    @Property(tries = 300)
    void vipsAreHeldExactlyWhileMasterWhateverHappens(
            @ForAll("timings") Timing timing,
            @ForAll @IntRange(min = 1, max = 255) int priority,
            @ForAll("inputs") List<Input> inputs) {
        FakeClock clock = new FakeClock(Long.MAX_VALUE - 50_000_000_000L);
        VrrpStateMachine fsm = new VrrpStateMachine(config("X", timing, priority, 20, false), clock);
        boolean vipsHeld = false;
        VrrpState state = VrrpState.INIT;
        VrrpStep step = null;
        for (Input in : inputs) {
            VrrpEvent e = switch (in.kind()) {
                case 0 -> new Start();
                case 1 -> in.flag() ? new Stop() : new Start();
                case 2, 3 -> new TrackerChanged("t" + (in.a() % 3), in.b() % 509 - 254, in.flag() && in.a() % 4 == 0);
                case 4, 5 -> new AdvertReceived(ip("198.51.100." + (1 + in.a() % 40)), in.a(),
                        in.flag() ? timing.advertCentis() : in.b() % 4096);
                default -> new Tick();
            };
            if (e instanceof Tick && step != null && step.wakeupAtNanos().isPresent() && in.flag()) {
                clock.set(step.wakeupAtNanos().getAsLong());
            } else {
                clock.set(clock.now() + in.b() * 1000L);
            }
            step = fsm.handle(e);
            for (VrrpAction a : step.actions()) {
                if (a instanceof AddVips) {
                    assertThat(vipsHeld).as("AddVips while holding them").isFalse();
                    vipsHeld = true;
                } else if (a instanceof RemoveVips) {
                    assertThat(vipsHeld).as("RemoveVips without holding them").isTrue();
                    vipsHeld = false;
                } else if (a instanceof StateChanged sc) {
                    assertThat(sc.from()).isEqualTo(state);
                    assertThat(sc.to()).isNotEqualTo(state);
                    state = sc.to();
                } else if (a instanceof SendAdvert adv) {
                    assertThat(adv.priority()).isBetween(0, 255);
                }
            }
            assertThat(fsm.state()).isEqualTo(state);
            assertThat(vipsHeld).isEqualTo(state == VrrpState.MASTER);
            assertThat(fsm.effectivePriority()).isBetween(1, 255);
            if (state == VrrpState.BACKUP || state == VrrpState.MASTER) {
                assertThat(step.wakeupAtNanos()).isPresent();
            }
            if (state == VrrpState.STOP) {
                assertThat(step.wakeupAtNanos()).isEmpty();
            }
        }
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
