package io.jkeepalived.vrrp.fsm;

import io.jkeepalived.vrrp.fsm.VrrpAction.AddVips;
import io.jkeepalived.vrrp.fsm.VrrpAction.GarpReason;
import io.jkeepalived.vrrp.fsm.VrrpAction.Log;
import io.jkeepalived.vrrp.fsm.VrrpAction.RemoveVips;
import io.jkeepalived.vrrp.fsm.VrrpAction.SendAdvert;
import io.jkeepalived.vrrp.fsm.VrrpAction.SendGratuitousArps;
import io.jkeepalived.vrrp.fsm.VrrpAction.StateChanged;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Start;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Stop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keepalived lab runs (keepalived-lab-measurements.md, captures/*.failover.txt and *.garp.txt) replayed on a
 * {@link FakeLan}: h1 priority 150, h2 priority 100, VRID 51, zero wire latency. The lab's own figures include
 * 0–3 ms of signal/scheduling delay and, for restarts, keepalived's start-up time; the simulated ones are exact.
 */
class LabScenarioTest {

    static final long MS = 1_000_000L;
    static final long US = 1_000L;

    static VrrpInstanceConfig host(int n, int priority, int version, int advertCentis) {
        return VrrpInstanceConfig.builder("VI_1", 51).priority(priority).version(version)
                .advertIntervalCentis(advertCentis).primaryAddress(ip("198.51.100." + n)).build();
    }

    /**
     * SIGTERM of the master, then its restart. Lab medians: h2 MASTER 0.610 s (v2 adv 1), 0.610 s (v3 adv 1),
     * 0.062 s (v3 adv 0.1) after the signal; preempt back 3.445–3.580 s (adv 1), 0.376–0.428 s (adv 0.1).
     */
    @ParameterizedTest(name = "v{0} advert_int {1} cs: takeover {2} µs, preempt back {3} µs")
    @CsvSource({"2, 100, 609375, 3414062", "3, 100, 609375, 3414062", "3, 10, 60937, 341406"})
    void sigtermFailoverAndPreemptBack(int version, int advertCentis, long skewMicros, long h1DownMicros) {
        VrrpInstanceConfig h1 = host(1, 150, version, advertCentis);
        VrrpInstanceConfig h2 = host(2, 100, version, advertCentis);
        long adv = advertCentis * 10 * MS;
        FakeLan lan = new FakeLan(0);
        lan.add(h1);
        lan.add(h2);
        lan.schedule(0, 0, new Start());
        lan.schedule(200 * MS, 1, new Start());
        long signal = 10 * adv + 4 * adv + adv / 2;   // between two adverts, long after h1 won
        lan.runUntil(signal - 1, 100_000);
        assertThat(lan.nodes.get(0).fsm.state()).isEqualTo(VrrpState.MASTER);
        assertThat(lan.nodes.get(1).fsm.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(lan.transitions).filteredOn(t -> t.node() == 1).extracting(FakeLan.Transition::to)
                .containsExactly(VrrpState.BACKUP);

        lan.schedule(signal, 0, new Stop());
        lan.runUntil(signal, 100_000);
        assertThat(last(lan, 0)).containsExactly(new SendAdvert(0), new RemoveVips(),
                new StateChanged(VrrpState.MASTER, VrrpState.STOP, ""));

        lan.runUntil(signal + skewMicros * US + 1, 100_000);
        FakeLan.Transition takeover = lan.transitions.get(lan.transitions.size() - 1);
        assertThat(takeover).isEqualTo(new FakeLan.Transition(signal + skewMicros * US, 1, VrrpState.BACKUP,
                VrrpState.MASTER));
        assertThat(last(lan, 1)).containsExactly(new SendAdvert(100),
                new StateChanged(VrrpState.BACKUP, VrrpState.MASTER, "(VI_1) Entering MASTER STATE"),
                new AddVips(), new SendGratuitousArps(5, GarpReason.BECOME_MASTER));

        // Second GARP burst garp_master_delay (5 s) later, as in the captures.
        long takeoverAt = takeover.atNanos();
        lan.runUntil(takeoverAt + 5_000 * MS, 1_000_000);
        assertThat(lan.steps).filteredOn(s -> s.node() == 1 && s.atNanos() > takeoverAt)
                .filteredOn(s -> s.actions().stream().anyMatch(a -> a instanceof SendGratuitousArps))
                .extracting(FakeLan.Step::atNanos).containsExactly(takeoverAt + 5_000 * MS);

        // Restart h1: BACKUP (init), discards h2's adverts, takes over exactly its master-down later.
        long restart = takeoverAt + 5_000 * MS + adv / 3;
        lan.restart(0, h1);
        lan.schedule(restart, 0, new Start());
        lan.runUntil(restart + h1DownMicros * US, 1_000_000);
        List<FakeLan.Transition> h1Transitions = lan.transitions.stream()
                .filter(t -> t.node() == 0 && t.atNanos() >= restart).toList();
        assertThat(h1Transitions).containsExactly(
                new FakeLan.Transition(restart, 0, VrrpState.INIT, VrrpState.BACKUP),
                new FakeLan.Transition(restart + h1DownMicros * US, 0, VrrpState.BACKUP, VrrpState.MASTER));
        assertThat(lan.steps).filteredOn(s -> s.node() == 0 && s.atNanos() > restart
                        && s.atNanos() < restart + h1DownMicros * US)
                .allSatisfy(s -> assertThat(s.actions()).containsExactly(
                        new Log("(VI_1) received lower priority (100) advert from 198.51.100.2 - discarding")))
                .isNotEmpty();
        // h2 yields at the same instant (lab: h2_backup_log 3.479 s vs h1_master_log 3.480 s).
        assertThat(last(lan, 1)).containsExactly(
                new Log("(VI_1) Master received advert from 198.51.100.1 with higher priority 150, ours 100"),
                new StateChanged(VrrpState.MASTER, VrrpState.BACKUP, "(VI_1) Entering BACKUP STATE"),
                new RemoveVips());
        assertThat(lan.masters()).isEqualTo(1);
    }

    /** SIGKILL of the master: "the time from h1's last advert to h2 MASTER was 3.610 s (adv 1), 0.361 s (0.1)". */
    @ParameterizedTest(name = "v{0} advert_int {1} cs: master-down {2} µs")
    @CsvSource({"2, 100, 3609375", "3, 100, 3609375", "3, 10, 360937", "3, 1, 36093"})
    void crashFailoverAfterMasterDown(int version, int advertCentis, long masterDownMicros) {
        long adv = advertCentis * 10 * MS;
        FakeLan lan = new FakeLan(0);
        lan.add(host(1, 150, version, advertCentis));
        lan.add(host(2, 100, version, advertCentis));
        lan.schedule(0, 0, new Start());
        lan.schedule(0, 1, new Start());
        long kill = 20 * adv + adv / 2;
        lan.runUntil(kill, 1_000_000);
        long lastAdvert = lan.nodes.get(0).lastAdvertNanos;
        lan.crash(0);
        lan.runUntil(kill + 2 * masterDownMicros * US, 1_000_000);
        FakeLan.Transition takeover = lan.transitions.get(lan.transitions.size() - 1);
        assertThat(takeover).isEqualTo(new FakeLan.Transition(lastAdvert + masterDownMicros * US, 1,
                VrrpState.BACKUP, VrrpState.MASTER));
    }

    /** "track_interface { eth1 } with eth1 down → FAULT ... and a prio-0 advert on eth0, so h2 took over at +0.616 s". */
    @ParameterizedTest(name = "v{0}")
    @CsvSource({"2", "3"})
    void trackedInterfaceDownHandsOverAfterSkew(int version) {
        FakeLan lan = new FakeLan(0);
        lan.add(host(1, 150, version, 100));
        lan.add(host(2, 100, version, 100));
        lan.schedule(0, 0, new Start());
        lan.schedule(0, 1, new Start());
        long down = 12_500 * MS;
        lan.schedule(down, 0, new VrrpEvent.TrackerChanged("interface eth1", 0, true));
        lan.runUntil(down + 1_000 * MS, 1_000_000);
        assertThat(lan.transitions).filteredOn(t -> t.atNanos() >= down).containsExactly(
                new FakeLan.Transition(down, 0, VrrpState.MASTER, VrrpState.FAULT),
                new FakeLan.Transition(down + 609_375 * US, 1, VrrpState.BACKUP, VrrpState.MASTER));
        // Recovery: h1 BACKUP at once, MASTER its master-down (3.414 s) later (lab: 3.42 s).
        long up = down + 10_000 * MS;
        lan.schedule(up, 0, new VrrpEvent.TrackerChanged("interface eth1", 0, false));
        lan.runUntil(up + 4_000 * MS, 1_000_000);
        assertThat(lan.transitions).filteredOn(t -> t.atNanos() >= up).containsExactly(
                new FakeLan.Transition(up, 0, VrrpState.FAULT, VrrpState.BACKUP),
                new FakeLan.Transition(up + 3_414_062 * US, 0, VrrpState.BACKUP, VrrpState.MASTER),
                new FakeLan.Transition(up + 3_414_062 * US, 1, VrrpState.MASTER, VrrpState.BACKUP));
    }

    static List<VrrpAction> last(FakeLan lan, int node) {
        for (int i = lan.steps.size() - 1; i >= 0; i--) {
            if (lan.steps.get(i).node() == node && !lan.steps.get(i).actions().isEmpty()) {
                return lan.steps.get(i).actions();
            }
        }
        return List.of();
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
