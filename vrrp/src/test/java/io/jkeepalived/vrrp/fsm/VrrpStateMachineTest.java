package io.jkeepalived.vrrp.fsm;

import io.jkeepalived.vrrp.fsm.VrrpAction.AddVips;
import io.jkeepalived.vrrp.fsm.VrrpAction.GarpReason;
import io.jkeepalived.vrrp.fsm.VrrpAction.Log;
import io.jkeepalived.vrrp.fsm.VrrpAction.MasterReceivedLowerPriority;
import io.jkeepalived.vrrp.fsm.VrrpAction.PriorityChanged;
import io.jkeepalived.vrrp.fsm.VrrpAction.RemoveVips;
import io.jkeepalived.vrrp.fsm.VrrpAction.SendAdvert;
import io.jkeepalived.vrrp.fsm.VrrpAction.SendGratuitousArps;
import io.jkeepalived.vrrp.fsm.VrrpAction.StateChanged;
import io.jkeepalived.vrrp.fsm.VrrpEvent.AdvertReceived;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Start;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Stop;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Tick;
import io.jkeepalived.vrrp.fsm.VrrpEvent.TrackerChanged;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every transition of the state machine with a fake clock. Times are microseconds after an arbitrary clock origin;
 * expected intervals are keepalived's integer arithmetic, and the sequences are the ones measured on keepalived
 * 2.2.7 in /work/shared/reference/keepalived-lab-measurements.md and the captures' *.failover.txt / *.garp.txt.
 */
class VrrpStateMachineTest {

    static final InetAddress SELF = ip("198.51.100.2");
    static final InetAddress PEER = ip("198.51.100.1");
    static final InetAddress HIGHER_PEER = ip("198.51.100.3");

    /** v2, advert_int 1, priority 100: skew 609375 µs, master-down 3609375 µs (lab: 0.610 s and 3.610 s). */
    static final long V2_P100_SKEW = 609_375;
    static final long V2_P100_DOWN = 3_609_375;
    /** priority 150: master-down 3414062 µs (lab: "master_down (3.414 s)"). */
    static final long V2_P150_DOWN = 3_414_062;

    /** One instance on a fake clock; {@code at(t, e)} delivers e at t µs after the origin. */
    static final class Harness {
        static final long ORIGIN = 7_000_000_000_000L;
        final FakeClock clock = new FakeClock(ORIGIN);
        final VrrpStateMachine fsm;
        VrrpStep last;

        Harness(VrrpInstanceConfig config) {
            this.fsm = new VrrpStateMachine(config, clock);
        }

        List<VrrpAction> at(long micros, VrrpEvent e) {
            clock.set(ORIGIN + micros * 1000);
            last = fsm.handle(e);
            return last.actions();
        }

        /** The next wake-up, in µs after the origin (-1 when none). */
        long wakeup() {
            return last.wakeupAtNanos().isPresent() ? (last.wakeupAtNanos().getAsLong() - ORIGIN) / 1000 : -1;
        }

        List<VrrpAction> tick() {
            return at(wakeup(), new Tick());
        }
    }

    static VrrpInstanceConfig.Builder v2(int priority) {
        return VrrpInstanceConfig.builder("VI_1", 51).priority(priority).primaryAddress(SELF);
    }

    static AdvertReceived advert(InetAddress from, int priority) {
        return new AdvertReceived(from, priority, 100);
    }

    static final List<VrrpAction> BECOME_MASTER_100 = List.of(new SendAdvert(100),
            new StateChanged(VrrpState.BACKUP, VrrpState.MASTER, "(VI_1) Entering MASTER STATE"), new AddVips(),
            new SendGratuitousArps(5, GarpReason.BECOME_MASTER));

    // ------------------------------------------------------------------ start

    @Test
    void startsInBackupAndBecomesMasterExactlyMasterDownLater() {
        Harness h = new Harness(v2(100).build());
        assertThat(h.at(0, new Start())).containsExactly(
                new StateChanged(VrrpState.INIT, VrrpState.BACKUP, "(VI_1) Entering BACKUP STATE (init)"));
        assertThat(h.wakeup()).isEqualTo(V2_P100_DOWN);

        assertThat(h.at(V2_P100_DOWN - 1, new Tick())).isEmpty();
        assertThat(h.fsm.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(h.at(V2_P100_DOWN, new Tick())).containsExactlyElementsOf(BECOME_MASTER_100);
        assertThat(h.fsm.state()).isEqualTo(VrrpState.MASTER);
        assertThat(h.wakeup()).isEqualTo(V2_P100_DOWN + 1_000_000);
        assertThat(h.tick()).containsExactly(new SendAdvert(100));
        assertThat(h.wakeup()).isEqualTo(V2_P100_DOWN + 2_000_000);
    }

    @Test
    void configuredStateMasterBelowPriority255StillStartsBackup() {
        // Lab pitfall 3: "state MASTER with priority < 255 still starts in BACKUP".
        Harness h = new Harness(v2(150).initialState(VrrpState.MASTER).build());
        assertThat(h.at(0, new Start())).containsExactly(
                new StateChanged(VrrpState.INIT, VrrpState.BACKUP, "(VI_1) Entering BACKUP STATE (init)"));
        assertThat(h.wakeup()).isEqualTo(V2_P150_DOWN);
    }

    @Test
    void addressOwnerBecomesMasterAtOnce() {
        Harness h = new Harness(v2(255).build());
        assertThat(h.at(0, new Start())).containsExactly(new SendAdvert(255),
                new StateChanged(VrrpState.INIT, VrrpState.MASTER, "(VI_1) Entering MASTER STATE"), new AddVips(),
                new SendGratuitousArps(5, GarpReason.BECOME_MASTER));
        assertThat(h.wakeup()).isEqualTo(1_000_000);
    }

    @Test
    void addressOwnerConfiguredBackupWaitsLikeAnyBackup() {
        Harness h = new Harness(v2(255).initialState(VrrpState.BACKUP).build());
        h.at(0, new Start());
        assertThat(h.fsm.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(h.wakeup()).isEqualTo(3_000_000 + 1_000_000 / 256);
    }

    @Test
    void startIsIdempotentAndAdvertsBeforeStartAreIgnored() {
        Harness h = new Harness(v2(100).build());
        assertThat(h.at(0, advert(PEER, 150))).isEmpty();
        assertThat(h.wakeup()).isEqualTo(-1);
        h.at(10, new Start());
        assertThat(h.at(20, new Start())).isEmpty();
        assertThat(h.wakeup()).isEqualTo(10 + V2_P100_DOWN);
    }

    @Test
    void vrrpStartupDelayRunsBackupTimersFromTheDelayedStart() {
        Harness h = new Harness(v2(100).vrrpStartupDelay(Duration.ofSeconds(10)).build());
        h.at(0, new Start());
        assertThat(h.wakeup()).isEqualTo(10_000_000 + V2_P100_DOWN);
        h.at(2_000_000, advert(PEER, 150));
        assertThat(h.wakeup()).isEqualTo(10_000_000 + V2_P100_DOWN);
        h.at(12_000_000, advert(PEER, 150));
        assertThat(h.wakeup()).isEqualTo(12_000_000 + V2_P100_DOWN);
    }

    @Test
    void vrrpStartupDelayDiscardsPushTheDeadlineAsKeepalivedDoes() {
        Harness h = new Harness(v2(150).vrrpStartupDelay(Duration.ofSeconds(10)).build());
        h.at(0, new Start());
        assertThat(h.wakeup()).isEqualTo(10_000_000 + V2_P150_DOWN);
        h.at(2_000_000, advert(PEER, 100));
        // remaining (8 s + master-down) is re-armed from the delayed start
        assertThat(h.wakeup()).isEqualTo(10_000_000 + 8_000_000 + V2_P150_DOWN);
    }

    @Test
    void addressOwnerWaitsOutTheStartupDelaySilently() {
        Harness h = new Harness(v2(255).vrrpStartupDelay(Duration.ofSeconds(5)).build());
        assertThat(h.at(0, new Start())).containsExactly(new StateChanged(VrrpState.INIT, VrrpState.BACKUP, ""));
        assertThat(h.wakeup()).isEqualTo(5_000_001);
        assertThat(h.tick()).startsWith(new SendAdvert(255),
                new StateChanged(VrrpState.BACKUP, VrrpState.MASTER, "(VI_1) Entering MASTER STATE"));
    }

    // ------------------------------------------------------------------ backup: master-down and skew

    @Test
    void crashedMasterIsReplacedExactlyMasterDownAfterItsLastAdvert() {
        // Lab: "the time from h1's last advert to h2 MASTER was 3.610 s (adv 1) = 3·adv + skew".
        Harness h = new Harness(v2(100).build());
        h.at(0, new Start());
        long t = 500_000;
        for (int i = 0; i < 10; i++, t += 1_000_000) {
            assertThat(h.at(t, advert(PEER, 150))).isEmpty();
            assertThat(h.wakeup()).isEqualTo(t + V2_P100_DOWN);
        }
        long last = t - 1_000_000;
        assertThat(h.fsm.masterAddress()).isEqualTo(PEER);
        assertThat(h.fsm.masterPriority()).isEqualTo(150);
        assertThat(h.at(last + V2_P100_DOWN - 1, new Tick())).isEmpty();
        assertThat(h.at(last + V2_P100_DOWN, new Tick())).containsExactlyElementsOf(BECOME_MASTER_100);
    }

    @Test
    void priorityZeroAdvertHandsOverAfterSkewOnly() {
        // Lab: SIGTERM of the master -> backup MASTER 0.610 s later = (256-100)/256 s.
        Harness h = new Harness(v2(100).build());
        h.at(0, new Start());
        h.at(1_000_000, advert(PEER, 150));
        assertThat(h.at(1_500_000, advert(PEER, 0))).isEmpty();
        assertThat(h.wakeup()).isEqualTo(1_500_000 + V2_P100_SKEW);
        assertThat(h.tick()).containsExactlyElementsOf(BECOME_MASTER_100);
    }

    @Test
    void v3AtTenthOfASecondUsesCentisecondSkew() {
        // Lab v3 adv 0.1: crash 0.361 s = 3 × 0.1 + skew; SIGTERM 0.062 s after the prio-0 advert (+1 ms delay).
        Harness h = new Harness(v2(100).version(3).advertIntervalCentis(10).build());
        h.at(0, new Start());
        assertThat(h.fsm.skewMicros()).isEqualTo(60_937);
        assertThat(h.wakeup()).isEqualTo(360_937);
        h.at(100_000, new AdvertReceived(PEER, 150, 10));
        assertThat(h.wakeup()).isEqualTo(100_000 + 360_937);
        h.at(150_000, new AdvertReceived(PEER, 0, 10));
        assertThat(h.wakeup()).isEqualTo(150_000 + 60_937);
    }

    @Test
    void v3AtOneHundredthUsesKeepalivedsIntegerRounding() {
        // Lab v3 adv 0.01: crash 0.037 s.
        Harness h = new Harness(v2(100).version(3).advertIntervalCentis(1).build());
        h.at(0, new Start());
        assertThat(h.wakeup()).isEqualTo(30_000 + 156 * 625 / 16);
    }

    @Test
    void v3BackupLearnsTheMastersAdvertInterval() {
        Harness h = new Harness(v2(100).version(3).advertIntervalCentis(100).build());
        h.at(0, new Start());
        assertThat(h.wakeup()).isEqualTo(V2_P100_DOWN);
        h.at(200_000, new AdvertReceived(PEER, 150, 10));
        assertThat(h.fsm.masterAdvertIntervalCentis()).isEqualTo(10);
        assertThat(h.wakeup()).isEqualTo(200_000 + 360_937);
        // As master it advertises its own interval again.
        h.tick();
        assertThat(h.fsm.state()).isEqualTo(VrrpState.MASTER);
        assertThat(h.fsm.masterAdvertIntervalCentis()).isEqualTo(100);
        assertThat(h.wakeup()).isEqualTo(200_000 + 360_937 + 1_000_000);
    }

    @Test
    void v2IgnoresTheAdvertIntervalAndDropsAMismatch() {
        Harness h = new Harness(v2(100).build());
        h.at(0, new Start());
        assertThat(h.at(1_000_000, new AdvertReceived(PEER, 150, 200))).containsExactly(
                new Log("(VI_1) advertisement interval mismatch mine=1 sec rcv'd=2 sec"));
        assertThat(h.wakeup()).isEqualTo(V2_P100_DOWN);
    }

    @Test
    void v3AdvertWithIntervalZeroIsDropped() {
        Harness h = new Harness(v2(100).version(3).build());
        h.at(0, new Start());
        assertThat(h.at(1_000_000, new AdvertReceived(PEER, 150, 0))).hasSize(1);
        assertThat(h.wakeup()).isEqualTo(V2_P100_DOWN);
    }

    // ------------------------------------------------------------------ preemption

    @Test
    void higherPriorityBackupDiscardsLowerAdvertsAndPreemptsAfterMasterDown() {
        // Lab "preempt back": h1 (150) logs "received lower priority (100) advert ... discarding" and takes over
        // when master_down (3.414 s) expires, not earlier.
        Harness h = new Harness(v2(150).build());
        h.at(0, new Start());
        for (long t = 300_000; t < V2_P150_DOWN; t += 1_000_000) {
            assertThat(h.at(t, advert(PEER, 100))).containsExactly(
                    new Log("(VI_1) received lower priority (100) advert from 198.51.100.1 - discarding"));
            assertThat(h.wakeup()).isEqualTo(V2_P150_DOWN);
        }
        assertThat(h.tick()).startsWith(new SendAdvert(150),
                new StateChanged(VrrpState.BACKUP, VrrpState.MASTER, "(VI_1) Entering MASTER STATE"));
    }

    @Test
    void masterYieldsToAHigherPriorityAdvert() {
        Harness h = masterAt100();
        long t = V2_P100_DOWN + 300_000;
        assertThat(h.at(t, advert(PEER, 150))).containsExactly(
                new Log("(VI_1) Master received advert from 198.51.100.1 with higher priority 150, ours 100"),
                new StateChanged(VrrpState.MASTER, VrrpState.BACKUP, "(VI_1) Entering BACKUP STATE"),
                new RemoveVips());
        assertThat(h.fsm.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(h.wakeup()).isEqualTo(t + V2_P100_DOWN);
    }

    @Test
    void higherPrioSendAdvertAnswersOnceBeforeYielding() {
        Harness h = masterAt100(v2(100).higherPrioSendAdvert(true));
        assertThat(h.at(V2_P100_DOWN + 300_000, advert(PEER, 150))).startsWith(new SendAdvert(100),
                new Log("(VI_1) Master received advert from 198.51.100.1 with higher priority 150, ours 100"));
        assertThat(h.fsm.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void masterAnswersALowerPriorityAdvertAndRefreshesArpCaches() {
        Harness h = masterAt100();
        long t = V2_P100_DOWN + 300_000;
        assertThat(h.at(t, advert(PEER, 50))).containsExactly(
                new Log("(VI_1) Received advert from 198.51.100.1 with lower priority 50, ours 100, forcing new election"),
                new SendAdvert(100), new SendGratuitousArps(5, GarpReason.LOWER_PRIO),
                new MasterReceivedLowerPriority(PEER, 50));
        assertThat(h.fsm.state()).isEqualTo(VrrpState.MASTER);
        // The advert timer restarts from the answer.
        assertThat(h.wakeup()).isEqualTo(t + 1_000_000);
    }

    @Test
    void lowerPrioNoAdvertStaysQuietAndKeepsTheAdvertTimer() {
        Harness h = masterAt100(v2(100).lowerPrioNoAdvert(true).garpLowerPrioRepeat(0));
        long t = V2_P100_DOWN + 300_000;
        assertThat(h.at(t, advert(PEER, 50))).containsExactly(
                new Log("(VI_1) Received advert from 198.51.100.1 with lower priority 50, ours 100"),
                new MasterReceivedLowerPriority(PEER, 50));
        assertThat(h.wakeup()).isEqualTo(V2_P100_DOWN + 1_000_000);
    }

    @Test
    void masterAnswersAPriorityZeroAdvert() {
        Harness h = masterAt100();
        assertThat(h.at(V2_P100_DOWN + 300_000, advert(PEER, 0))).containsExactly(new SendAdvert(100));
        assertThat(h.fsm.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void equalPriorityMastersKeepTheHigherAddress() {
        Harness low = masterAt100();
        assertThat(low.at(V2_P100_DOWN + 1, advert(HIGHER_PEER, 100))).startsWith(
                new Log("(VI_1) Master received advert from 198.51.100.3 with same priority 100 but higher IP address than ours"));
        assertThat(low.fsm.state()).isEqualTo(VrrpState.BACKUP);

        Harness high = masterAt100();
        assertThat(high.at(V2_P100_DOWN + 1, advert(PEER, 100))).startsWith(
                new Log("(VI_1) Received advert from 198.51.100.1 with lower priority 100, ours 100, forcing new election"));
        assertThat(high.fsm.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void equalPriorityAdvertFromOurOwnAddressIsWarnedAbout() {
        Harness h = masterAt100();
        assertThat(h.at(V2_P100_DOWN + 1, advert(SELF, 100))).containsExactly(
                new Log("(VI_1) WARNING - equal priority advert received from remote host with our IP address."));
        assertThat(h.fsm.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void equalPriorityBackupAcceptsTheMasterWhateverItsAddress() {
        // RFC 3768 §6.4.2 and keepalived: "priority >= ours" resets the timer; addresses matter only between masters.
        Harness h = new Harness(v2(100).build());
        h.at(0, new Start());
        assertThat(h.at(1_000_000, advert(PEER, 100))).isEmpty();
        assertThat(h.wakeup()).isEqualTo(1_000_000 + V2_P100_DOWN);
    }

    @Test
    void twoAddressOwnersResolveByLoweringOurPriority() {
        Harness h = new Harness(v2(255).build());
        h.at(0, new Start());
        assertThat(h.at(500_000, advert(PEER, 255))).startsWith(
                new Log("(VI_1) CONFIGURATION ERROR: local instance and a remote instance are both configured as"
                        + " address owner, please fix - reducing local priority"),
                new Log("(VI_1) Master received advert from 198.51.100.1 with higher priority 255, ours 254"));
        assertThat(h.fsm.effectivePriority()).isEqualTo(254);
        assertThat(h.fsm.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void nopreemptBackupFollowsALowerPriorityMaster() {
        Harness h = new Harness(v2(200).nopreempt(true).build());
        h.at(0, new Start());
        long down = 3_000_000 + 56 * 1_000_000 / 256;
        for (long t = 1_000_000; t <= 10_000_000; t += 1_000_000) {
            assertThat(h.at(t, advert(PEER, 100))).isEmpty();
            assertThat(h.wakeup()).isEqualTo(t + down);
        }
        assertThat(h.tick()).contains(
                new StateChanged(VrrpState.BACKUP, VrrpState.MASTER, "(VI_1) Entering MASTER STATE"));
    }

    @Test
    void preemptDelayHoldsOffPreemptionThenDiscards() {
        Harness h = new Harness(v2(200).preemptDelay(Duration.ofSeconds(10)).build());
        h.at(0, new Start());
        long down = 3_000_000 + 56 * 1_000_000 / 256;
        for (long t = 1_000_000; t <= 10_000_000; t += 1_000_000) {
            assertThat(h.at(t, advert(PEER, 100))).isEmpty();
            assertThat(h.wakeup()).isEqualTo(t + down);
        }
        // preempt_delay ran from the first lower advert (t = 1 s): from t = 11 s they are discarded.
        assertThat(h.at(11_000_000, advert(PEER, 100))).containsExactly(
                new Log("(VI_1) received lower priority (100) advert from 198.51.100.1 - discarding"));
        assertThat(h.wakeup()).isEqualTo(10_000_000 + down);
        assertThat(h.at(12_000_000, advert(PEER, 100))).hasSize(1);
        assertThat(h.tick()).contains(
                new StateChanged(VrrpState.BACKUP, VrrpState.MASTER, "(VI_1) Entering MASTER STATE"));
    }

    @Test
    void preemptDelayRestartsWhenAnEqualOrHigherAdvertArrives() {
        Harness h = new Harness(v2(200).preemptDelay(Duration.ofSeconds(5)).build());
        h.at(0, new Start());
        h.at(1_000_000, advert(PEER, 100));          // delay starts, runs to 6 s
        h.at(2_000_000, advert(PEER, 220));          // a higher master: delay stopped
        h.at(3_000_000, advert(PEER, 100));          // delay restarts, runs to 8 s
        assertThat(h.at(7_000_000, advert(PEER, 100))).isEmpty();
        assertThat(h.at(8_000_000, advert(PEER, 100))).hasSize(1);
    }

    @Test
    void configRulesClearPreemptOptionsAsKeepalivedDoes() {
        assertThat(v2(255).nopreempt(true).build().nopreempt()).isFalse();
        assertThat(v2(100).initialState(VrrpState.MASTER).nopreempt(true).build().nopreempt()).isFalse();
        assertThat(v2(100).initialState(VrrpState.MASTER).preemptDelay(Duration.ofSeconds(3)).build().preemptDelay())
                .isZero();
        assertThat(v2(100).nopreempt(true).preemptDelay(Duration.ofSeconds(3)).build().preemptDelay()).isZero();
    }

    // ------------------------------------------------------------------ GARP schedule

    @Test
    void garpsBurstAfterTheFirstAdvertAndAgainAfterGarpMasterDelay() {
        // Captures: 5 GARPs right after the first advert, a second burst of 5 at +5.000 s.
        Harness h = masterAt100();
        long t0 = V2_P100_DOWN;
        for (int i = 1; i <= 4; i++) {
            assertThat(h.tick()).containsExactly(new SendAdvert(100));
        }
        assertThat(h.wakeup()).isEqualTo(t0 + 5_000_000);
        // The advert and the delayed burst fall due at the same instant.
        assertThat(h.tick()).containsExactly(new SendAdvert(100), new SendGratuitousArps(5, GarpReason.MASTER_DELAY));
        assertThat(h.wakeup()).isEqualTo(t0 + 6_000_000);
    }

    @Test
    void delayedGarpOfAnEarlierMastershipFiresIfMasterAgain() {
        // v2-pass-term.garp.txt: h2 master at 205.266, backup at 205.320, master again at 208.355, then bursts at
        // 210.266 (5 s after the FIRST mastership: keepalived does not cancel the timer) and 213.355.
        Harness h = masterAt100();
        long t0 = V2_P100_DOWN;
        h.at(t0 + 54_000, advert(PEER, 150));
        assertThat(h.fsm.state()).isEqualTo(VrrpState.BACKUP);
        h.at(t0 + 1_000_000, advert(PEER, 150));
        h.at(t0 + 2_480_000, advert(PEER, 0));
        long t1 = t0 + 2_480_000 + V2_P100_SKEW;
        assertThat(h.wakeup()).isEqualTo(t1);
        assertThat(h.tick()).containsExactlyElementsOf(BECOME_MASTER_100);
        assertThat(h.wakeup()).isEqualTo(t1 + 1_000_000);
        h.tick();
        assertThat(h.wakeup()).isEqualTo(t0 + 5_000_000);
        assertThat(h.tick()).containsExactly(new SendGratuitousArps(5, GarpReason.MASTER_DELAY));
        List<Long> burstTimes = new ArrayList<>();
        for (int i = 0; i < 20 && h.wakeup() <= t1 + 5_000_000; i++) {
            long when = h.wakeup();
            if (h.tick().stream().anyMatch(a -> a instanceof SendGratuitousArps)) {
                burstTimes.add(when);
            }
        }
        assertThat(burstTimes).containsExactly(t1 + 5_000_000);
    }

    @Test
    void delayedGarpIsNotSentWhenNoLongerMaster() {
        Harness h = masterAt100();
        long t0 = V2_P100_DOWN;
        h.at(t0 + 100_000, advert(PEER, 150));
        for (long t = t0 + 1_100_000; t < t0 + 6_000_000; t += 1_000_000) {
            h.at(t, advert(PEER, 150));
        }
        assertThat(h.at(t0 + 5_000_000, new Tick())).isEmpty();
        assertThat(h.wakeup()).isEqualTo(t0 + 5_100_000 + V2_P100_DOWN);
    }

    @Test
    void garpMasterRefreshRidesOnTheAdverts() {
        Harness h = masterAt100(v2(100).garpMasterRefresh(Duration.ofSeconds(3)).garpMasterRefreshRepeat(2)
                .garpMasterDelay(Duration.ZERO));
        assertThat(h.tick()).containsExactly(new SendAdvert(100));
        assertThat(h.tick()).containsExactly(new SendAdvert(100));
        assertThat(h.tick()).containsExactly(new SendAdvert(100), new SendGratuitousArps(2, GarpReason.MASTER_REFRESH));
        assertThat(h.tick()).containsExactly(new SendAdvert(100));
    }

    @Test
    void garpExtraIfRidesOnTheAdvertsAfterTheRefresh() {
        Harness h = masterAt100(v2(100).garpMasterRefresh(Duration.ofSeconds(2)).garpExtraIf(Duration.ofSeconds(2))
                .garpMasterDelay(Duration.ZERO));
        assertThat(h.tick()).containsExactly(new SendAdvert(100));
        assertThat(h.tick()).containsExactly(new SendAdvert(100), new SendGratuitousArps(1, GarpReason.MASTER_REFRESH),
                new SendGratuitousArps(1, GarpReason.EXTRA_IF));
        assertThat(h.tick()).containsExactly(new SendAdvert(100));
        assertThat(h.tick()).containsExactly(new SendAdvert(100), new SendGratuitousArps(1, GarpReason.MASTER_REFRESH),
                new SendGratuitousArps(1, GarpReason.EXTRA_IF));
    }

    @Test
    void noGarpExtraIfByDefault() {
        Harness h = masterAt100(v2(100).garpMasterDelay(Duration.ZERO));
        for (int i = 0; i < 5; i++) {
            assertThat(h.tick()).containsExactly(new SendAdvert(100));
        }
    }

    @Test
    void lowerPriorityAdvertSchedulesADelayedBurst() {
        Harness h = masterAt100(v2(100).garpMasterDelay(Duration.ZERO).garpLowerPrioRepeat(2)
                .garpLowerPrioDelay(Duration.ofMillis(2500)));
        long t = V2_P100_DOWN + 200_000;
        h.at(t, advert(PEER, 50));
        h.tick();
        h.tick();
        assertThat(h.wakeup()).isEqualTo(t + 2_500_000);
        assertThat(h.tick()).containsExactly(new SendGratuitousArps(2, GarpReason.LOWER_PRIO_DELAY));
    }

    @Test
    void garpMasterRepeatZeroSendsNoBurst() {
        Harness h = new Harness(v2(100).garpMasterRepeat(0).build());
        h.at(0, new Start());
        assertThat(h.tick()).noneMatch(a -> a instanceof SendGratuitousArps);
    }

    // ------------------------------------------------------------------ stop

    @Test
    void stoppingMasterSendsPriorityZeroAndReleasesVips() {
        Harness h = masterAt100();
        assertThat(h.at(V2_P100_DOWN + 10, new Stop())).containsExactly(new SendAdvert(0), new RemoveVips(),
                new StateChanged(VrrpState.MASTER, VrrpState.STOP, ""));
        assertThat(h.wakeup()).isEqualTo(-1);
        assertThat(h.at(V2_P100_DOWN + 20, advert(PEER, 150))).isEmpty();
        assertThat(h.at(V2_P100_DOWN + 30, new Stop())).isEmpty();
        assertThat(h.at(V2_P100_DOWN + 30, new Start())).isEmpty();
    }

    @Test
    void stoppingBackupOnlyChangesState() {
        Harness h = new Harness(v2(100).build());
        h.at(0, new Start());
        assertThat(h.at(10, new Stop())).containsExactly(new StateChanged(VrrpState.BACKUP, VrrpState.STOP, ""));
    }

    // ------------------------------------------------------------------ faults and tracked priority

    @Test
    void backupGoesToFaultAndRecoversAsBackup() {
        // Lab: "On recovery h1 goes BACKUP at once and MASTER 3.42 s later".
        Harness h = new Harness(v2(150).build());
        h.at(0, new Start());
        assertThat(h.at(1_000_000, new TrackerChanged("interface eth1", 0, true))).containsExactly(
                new StateChanged(VrrpState.BACKUP, VrrpState.FAULT, "(VI_1) Entering FAULT STATE"));
        assertThat(h.wakeup()).isEqualTo(-1);
        assertThat(h.at(2_000_000, advert(PEER, 100))).isEmpty();
        assertThat(h.at(3_000_000, new TrackerChanged("interface eth1", 0, false))).containsExactly(
                new StateChanged(VrrpState.FAULT, VrrpState.BACKUP, "(VI_1) Entering BACKUP STATE"));
        assertThat(h.wakeup()).isEqualTo(3_000_000 + V2_P150_DOWN);
    }

    @Test
    void masterGoingToFaultSendsPriorityZeroAndReleasesVips() {
        // Lab: track_interface down -> FAULT and a prio-0 advert, the backup took over after its skew.
        Harness h = masterAt100();
        assertThat(h.at(V2_P100_DOWN + 10, new TrackerChanged("interface eth1", 0, true))).containsExactly(
                new StateChanged(VrrpState.MASTER, VrrpState.FAULT, "(VI_1) Entering FAULT STATE"),
                new SendAdvert(0), new SendAdvert(0), new RemoveVips());
        assertThat(h.fsm.state()).isEqualTo(VrrpState.FAULT);
        assertThat(h.wakeup()).isIn(-1L, V2_P100_DOWN + 5_000_000);
        // The pending delayed GARP finds no VIPs.
        if (h.wakeup() != -1) {
            assertThat(h.tick()).isEmpty();
        }
    }

    @Test
    void secondFaultyTrackerKeepsFaultUntilBothRecover() {
        Harness h = new Harness(v2(100).build());
        h.at(0, new Start());
        h.at(1, new TrackerChanged("a", 0, true));
        assertThat(h.at(2, new TrackerChanged("b", 0, true))).isEmpty();
        assertThat(h.at(3, new TrackerChanged("a", 0, false))).isEmpty();
        assertThat(h.fsm.state()).isEqualTo(VrrpState.FAULT);
        assertThat(h.at(4, new TrackerChanged("b", 0, false))).hasSize(1);
        assertThat(h.fsm.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void faultBeforeStartStartsInFault() {
        Harness h = new Harness(v2(100).build());
        assertThat(h.at(0, new TrackerChanged("interface eth0", 0, true))).isEmpty();
        assertThat(h.at(1, new Start())).containsExactly(
                new StateChanged(VrrpState.INIT, VrrpState.FAULT, "(VI_1) Entering FAULT STATE (init)"));
        assertThat(h.wakeup()).isEqualTo(-1);
    }

    @Test
    void addressOwnerRecoversFromFaultAsBackup() {
        Harness h = new Harness(v2(255).build());
        h.at(0, new Start());
        h.at(10, new TrackerChanged("interface eth1", 0, true));
        assertThat(h.at(20, new TrackerChanged("interface eth1", 0, false))).containsExactly(
                new StateChanged(VrrpState.FAULT, VrrpState.BACKUP, "(VI_1) Entering BACKUP STATE"));
        assertThat(h.wakeup()).isEqualTo(20 + 3_000_000 + 1_000_000 / 256);
    }

    @Test
    void trackerWeightsChangeTheEffectivePriorityWithinOneTo254() {
        Harness h = new Harness(v2(100).build());
        assertThat(h.at(0, new TrackerChanged("script chk", -30, false))).containsExactly(
                new Log("(VI_1) Changing effective priority from 100 to 70"), new PriorityChanged(100, 70));
        assertThat(h.fsm.effectivePriority()).isEqualTo(70);
        h.at(0, new TrackerChanged("script chk", 200, false));
        assertThat(h.fsm.effectivePriority()).isEqualTo(254);
        h.at(0, new TrackerChanged("script chk", -150, false));
        assertThat(h.fsm.effectivePriority()).isEqualTo(1);
        h.at(0, new TrackerChanged("script chk", -20, false));
        assertThat(h.at(0, new TrackerChanged("script other", 20, false))).containsExactly(
                new Log("(VI_1) Changing effective priority from 80 to 100"), new PriorityChanged(80, 100));
        assertThat(h.at(0, new TrackerChanged("script other", 20, false))).isEmpty();
    }

    @Test
    void addressOwnerIgnoresTrackerWeights() {
        Harness h = new Harness(v2(255).build());
        assertThat(h.at(0, new TrackerChanged("script chk", -50, false))).isEmpty();
        assertThat(h.fsm.effectivePriority()).isEqualTo(255);
    }

    @Test
    void priorityChangeInBackupMovesTheMasterDownDeadline() {
        Harness h = new Harness(v2(100).build());
        h.at(0, new Start());
        h.at(1_000_000, advert(PEER, 150));
        h.at(1_200_000, new TrackerChanged("script chk", -30, false));
        long skew70 = 186L * 1_000_000 / 256;
        assertThat(h.wakeup()).isEqualTo(1_000_000 + 3_000_000 + skew70);
    }

    @Test
    void masterAdvertisesItsNewPriority() {
        Harness h = masterAt100();
        h.at(V2_P100_DOWN + 10, new TrackerChanged("script chk", -30, false));
        assertThat(h.tick()).containsExactly(new SendAdvert(70));
    }

    @Test
    void masterLoweredBelowTheBackupLosesAtTheBackupsMasterDown() {
        // Master A (150) drops to 50 by a tracker; backup B (100) discards its adverts and takes over
        // master-down after the last advert it accepted.
        Harness b = new Harness(v2(100).build());
        b.at(0, new Start());
        b.at(1_000_000, advert(PEER, 150));
        b.at(2_000_000, advert(PEER, 50));
        b.at(3_000_000, advert(PEER, 50));
        assertThat(b.wakeup()).isEqualTo(1_000_000 + V2_P100_DOWN);
    }

    // ------------------------------------------------------------------ misc

    @Test
    void logLinesPrintIpv6AsInetNtopDoes() {
        Harness h = new Harness(VrrpInstanceConfig.builder("VI_6", 51).priority(150).version(3)
                .primaryAddress(ip("2001:db8::2")).build());
        h.at(0, new Start());
        assertThat(h.at(10, new AdvertReceived(ip("2001:db8::1"), 100, 100))).containsExactly(
                new Log("(VI_6) received lower priority (100) advert from 2001:db8::1 - discarding"));
        assertThat(AddressText.format(ip("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
        assertThat(AddressText.format(ip("2001:0:0:1:0:0:0:1"))).isEqualTo("2001:0:0:1::1");
        assertThat(AddressText.format(ip("2001:0:0:1:1:0:0:1"))).isEqualTo("2001::1:1:0:0:1");
        assertThat(AddressText.format(ip("1::"))).isEqualTo("1::");
        assertThat(AddressText.format(ip("::"))).isEqualTo("::");
        assertThat(AddressText.format(ip("fe80::1:2:3:4"))).isEqualTo("fe80::1:2:3:4");
    }

    @Test
    void deadlinesSurviveAWrappingNanoClock() {
        FakeClock clock = new FakeClock(Long.MAX_VALUE - 1_000_000_000L);
        VrrpStateMachine fsm = new VrrpStateMachine(v2(100).build(), clock);
        long deadline = fsm.handle(new Start()).wakeupAtNanos().getAsLong();
        clock.set(deadline - 1);
        assertThat(fsm.handle(new Tick()).actions()).isEmpty();
        clock.set(deadline);
        assertThat(fsm.handle(new Tick()).actions()).contains(new AddVips());
    }

    @Test
    void badConfigurationAndEventsAreRejectedWithAMessage() {
        assertThatThrownBy(() -> v2(100).advertIntervalCentis(150).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> v2(0).build()).hasMessageContaining("priority 0");
        assertThatThrownBy(() -> VrrpInstanceConfig.builder("VI_1", 0).build()).hasMessageContaining("virtual_router_id");
        assertThatThrownBy(() -> v2(100).version(3).advertIntervalCentis(4096).build()).hasMessageContaining("4096");
        assertThatThrownBy(() -> v2(100).version(4).build()).hasMessageContaining("version 4");
        assertThatThrownBy(() -> new AdvertReceived(PEER, 256, 100)).hasMessageContaining("256");
        assertThatThrownBy(() -> new TrackerChanged("x", 300, false)).hasMessageContaining("300");
    }

    // ------------------------------------------------------------------ helpers

    static Harness masterAt100() {
        return masterAt100(v2(100));
    }

    /** An instance of priority 100 that became master at V2_P100_DOWN after starting at 0. */
    static Harness masterAt100(VrrpInstanceConfig.Builder b) {
        Harness h = new Harness(b.build());
        h.at(0, new Start());
        h.tick();
        assertThat(h.fsm.state()).isEqualTo(VrrpState.MASTER);
        return h;
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
