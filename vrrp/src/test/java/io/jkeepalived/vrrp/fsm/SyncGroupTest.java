package io.jkeepalived.vrrp.fsm;

import io.jkeepalived.vrrp.fsm.SyncGroup.GroupLog;
import io.jkeepalived.vrrp.fsm.SyncGroup.GroupStateChanged;
import io.jkeepalived.vrrp.fsm.SyncGroup.MemberStep;
import io.jkeepalived.vrrp.fsm.SyncGroup.Outcome;
import io.jkeepalived.vrrp.fsm.VrrpEvent.AdvertReceived;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Start;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Tick;
import io.jkeepalived.vrrp.fsm.VrrpEvent.TrackerChanged;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncGroupTest {
    static final long ORIGIN = 1_000_000_000_000L;

    final FakeClock clock = new FakeClock(ORIGIN);
    final VrrpStateMachine a = new VrrpStateMachine(config("VI_1", 51, 150), clock);
    final VrrpStateMachine b = new VrrpStateMachine(config("VI_2", 52, 100), clock);
    final SyncGroup group = new SyncGroup("G", List.of(a, b));
    final Map<VrrpStateMachine, Long> wakeups = new IdentityHashMap<>();
    final List<String> lines = new ArrayList<>();

    static VrrpInstanceConfig config(String name, int vrid, int priority) {
        return VrrpInstanceConfig.builder(name, vrid).priority(priority).primaryAddress(ip("198.51.100.2")).build();
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Delivers one event and records, in order, what a log would show ("VI_1 MASTER" for state changes). */
    List<Outcome> send(VrrpStateMachine m, VrrpEvent e) {
        List<Outcome> out = group.handle(m, e);
        for (Outcome o : out) {
            if (o instanceof MemberStep s) {
                wakeups.put(s.member(), s.step().wakeupAtNanos().isPresent()
                        ? s.step().wakeupAtNanos().getAsLong() : Long.MAX_VALUE);
                for (VrrpAction act : s.step().actions()) {
                    if (act instanceof VrrpAction.StateChanged c) {
                        lines.add(s.member().config().name() + " " + c.to());
                    }
                }
            } else if (o instanceof GroupLog g) {
                lines.add(g.line());
            } else if (o instanceof GroupStateChanged c) {
                lines.add("group " + c.from() + "->" + c.to());
            }
        }
        return out;
    }

    /** Advances to the earliest wake-up and ticks that member. */
    VrrpStateMachine tickNext() {
        VrrpStateMachine next = wakeups.get(a) <= wakeups.get(b) ? a : b;
        clock.set(wakeups.get(next));
        send(next, new Tick());
        return next;
    }

    void startBoth() {
        send(a, new Start());
        send(b, new Start());
        lines.clear();
    }

    /** Both time out: the first is held in BACKUP, the second takes the group to MASTER. */
    void bothMaster() {
        startBoth();
        assertThat(tickNext()).isSameAs(a); // priority 150: shorter master-down
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(a.wantsMaster()).isTrue();
        assertThat(lines).isEmpty();
        assertThat(tickNext()).isSameAs(b);
        lines.clear();
    }

    @Test
    void membersBecomeMasterTogetherOnlyWhenAllWantIt() {
        startBoth();
        tickNext(); // VI_1 held
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(tickNext()).isSameAs(b);
        assertThat(lines).containsExactly("VI_2 MASTER", "VRRP_Group(G) Syncing instances to MASTER state",
                "VI_1 MASTER", "group BACKUP->MASTER");
        assertThat(group.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void aBackupHearingAMasterStopsWantingMaster() {
        startBoth();
        tickNext(); // VI_1 held, wants MASTER
        send(a, new AdvertReceived(ip("198.51.100.9"), 200, 100));
        assertThat(a.wantsMaster()).isFalse();
        lines.clear();
        // VI_2 times out but VI_1 does not want MASTER any more: VI_2 is held in turn
        clock.set(wakeups.get(b));
        send(b, new Tick());
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(lines).isEmpty();
    }

    @Test
    void aMasterLeavingForBackupTakesTheOthersAlong() {
        bothMaster();
        send(a, new AdvertReceived(ip("198.51.100.9"), 200, 100));
        assertThat(lines).containsExactly("VI_1 BACKUP", "VRRP_Group(G) Syncing instances to BACKUP state",
                "VI_2 BACKUP", "group MASTER->BACKUP");
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void oneFaultPullsTheGroupAndRecoveryBringsAllBackAsBackup() {
        bothMaster();
        List<Outcome> out = send(b, new TrackerChanged("interface eth2", 0, true));
        assertThat(lines).containsExactly("VI_2 FAULT", "VRRP_Group(G) Syncing instances to FAULT state",
                "group MASTER->FAULT", "VI_1 FAULT");
        // the master pulled into FAULT releases its VIPs and tells the peer
        MemberStep pulled = (MemberStep) out.get(out.size() - 1);
        assertThat(pulled.step().actions()).contains(new VrrpAction.SendAdvert(0), new VrrpAction.RemoveVips());
        // adverts are ignored while held in FAULT
        assertThat(send(a, new AdvertReceived(ip("198.51.100.9"), 50, 100)).get(0))
                .isEqualTo(new MemberStep(a, ((MemberStep) group.handle(a, new Tick()).get(0)).step()));
        lines.clear();
        send(b, new TrackerChanged("interface eth2", 0, false));
        assertThat(lines).containsExactly("VI_2 BACKUP", "VRRP_Group(G) Syncing instances to BACKUP state",
                "group FAULT->BACKUP", "VI_1 BACKUP");
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void theGroupStaysInFaultUntilTheLastMemberFaultClears() {
        bothMaster();
        send(a, new TrackerChanged("script chk", 0, true));
        send(b, new TrackerChanged("interface eth2", 0, true));
        lines.clear();
        send(a, new TrackerChanged("script chk", 0, false));
        assertThat(lines).isEmpty();
        assertThat(a.state()).isEqualTo(VrrpState.FAULT);
        send(b, new TrackerChanged("interface eth2", 0, false));
        assertThat(lines).containsExactly("VI_2 BACKUP", "VRRP_Group(G) Syncing instances to BACKUP state",
                "group FAULT->BACKUP", "VI_1 BACKUP");
    }

    @Test
    void aMemberFaultyAtStartHoldsTheOthersInFaultFromTheStart() {
        send(b, new TrackerChanged("interface eth2", 0, true)); // before Start, as the daemon applies trackers
        assertThat(lines).containsExactly("VRRP_Group(G): Syncing VI_2 to FAULT state", "group BACKUP->FAULT");
        lines.clear();
        send(a, new Start());
        send(b, new Start());
        assertThat(lines).containsExactly("VI_1 FAULT", "VI_2 FAULT");
        lines.clear();
        send(b, new TrackerChanged("interface eth2", 0, false));
        assertThat(lines).containsExactly("VI_2 BACKUP", "VRRP_Group(G) Syncing instances to BACKUP state",
                "group FAULT->BACKUP", "VI_1 BACKUP");
    }

    @Test
    void ownersConfiguredMasterStartAsMasterTogether() {
        VrrpStateMachine o1 = new VrrpStateMachine(VrrpInstanceConfig.builder("O1", 1).priority(255)
                .initialState(VrrpState.MASTER).primaryAddress(ip("198.51.100.2")).build(), clock);
        VrrpStateMachine o2 = new VrrpStateMachine(VrrpInstanceConfig.builder("O2", 2).priority(255)
                .initialState(VrrpState.MASTER).primaryAddress(ip("198.51.100.2")).build(), clock);
        SyncGroup owners = new SyncGroup("OW", List.of(o1, o2));
        assertThat(owners.state()).isEqualTo(VrrpState.MASTER);
        owners.handle(o1, new Start());
        owners.handle(o2, new Start());
        assertThat(o1.state()).isEqualTo(VrrpState.MASTER);
        assertThat(o2.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void anOwnerWithANonOwnerStartsAsBackup() {
        VrrpStateMachine owner = new VrrpStateMachine(VrrpInstanceConfig.builder("O1", 1).priority(255)
                .initialState(VrrpState.MASTER).primaryAddress(ip("198.51.100.2")).build(), clock);
        VrrpStateMachine other = new VrrpStateMachine(config("N", 2, 100), clock);
        SyncGroup mixed = new SyncGroup("M", List.of(owner, other));
        mixed.handle(owner, new Start());
        assertThat(owner.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void rejectsStrangers() {
        VrrpStateMachine c = new VrrpStateMachine(config("VI_3", 53, 100), clock);
        assertThatThrownBy(() -> group.handle(c, new Start())).hasMessageContaining("not in sync group G");
        assertThatThrownBy(() -> new SyncGroup("E", List.of())).hasMessageContaining("no members");
    }

    @Test
    void aDeletedVipTakesTheGroupToBackupAndBackAfterTheSkewTimes() {
        bothMaster();
        for (Outcome o : group.vipDeleted(b)) {
            if (o instanceof MemberStep s) {
                wakeups.put(s.member(), s.step().wakeupAtNanos().getAsLong());
                assertThat(s.step().actions()).contains(new VrrpAction.SendAdvert(0), new VrrpAction.RemoveVips());
            }
        }
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(group.state()).isEqualTo(VrrpState.BACKUP);
        long deletedAt = clock.now();
        lines.clear();
        tickNext(); // VI_1's skew (150: shorter) - held
        tickNext(); // VI_2's skew: both master
        assertThat(lines).containsExactly("VI_2 MASTER", "VRRP_Group(G) Syncing instances to MASTER state",
                "VI_1 MASTER", "group BACKUP->MASTER");
        assertThat(clock.now() - deletedAt).isEqualTo(b.skewMicros() * 1000);
    }
}
