package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.conf.model.vrrp.VrrpSyncGroup;
import io.jkeepalived.vrrp.fsm.SplitBrainDetector;
import io.jkeepalived.vrrp.fsm.SyncGroup;
import io.jkeepalived.vrrp.fsm.VrrpEvent;
import io.jkeepalived.vrrp.fsm.VrrpState;
import io.jkeepalived.vrrp.fsm.VrrpStateMachine;
import io.jkeepalived.vrrp.fsm.VrrpStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What sits between the VRRP thread and the state machines beyond one instance: the sync groups (every event for
 * a member goes through its {@link SyncGroup}), a {@link SplitBrainDetector} per instance, and the VIPs deleted
 * behind our back (queued by {@link VipWatch}'s thread, handed to the machines on the VRRP thread). Used on the
 * VRRP thread only, except {@link #vipDeleted}.
 */
final class Coordination {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");

    /** Carries out one machine's step (VrrpService.apply). */
    @FunctionalInterface
    interface Target {
        void apply(VrrpStateMachine fsm, VrrpStep step);
    }

    /** A VIP gone from its interface while its instance may be master. */
    record VipGone(String instance, String address, String dev) {
    }

    private final Map<VrrpStateMachine, SyncGroup> groupOf = new IdentityHashMap<>();
    private final Map<VrrpStateMachine, SplitBrainDetector> splitBrain = new IdentityHashMap<>();
    private final Map<String, VrrpStateMachine> byName = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<VipGone> vipsGone = new ConcurrentLinkedQueue<>();
    private volatile Consumer<SyncGroup.GroupStateChanged> groupListener = c -> { };

    /**
     * @param syncGroups the configured groups (members that are not running are left out; a group with none is
     *                   dropped)
     */
    Coordination(List<VrrpSyncGroup> syncGroups, List<VrrpStateMachine> machines, LongSupplier nanoClock) {
        for (VrrpStateMachine m : machines) {
            byName.put(m.config().name(), m);
            splitBrain.put(m, new SplitBrainDetector(m, nanoClock));
        }
        for (VrrpSyncGroup g : syncGroups) {
            List<VrrpStateMachine> members = new ArrayList<>();
            for (String name : g.members()) {
                VrrpStateMachine m = byName.get(name);
                if (m != null && !groupOf.containsKey(m)) {
                    members.add(m);
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            SyncGroup sg = new SyncGroup(g.name(), members);
            members.forEach(m -> groupOf.put(m, sg));
        }
    }

    /** After a reload: each group takes its members' carried-over states (see SyncGroup#adoptMemberStates). */
    void adoptMemberStates() {
        new java.util.LinkedHashSet<>(groupOf.values()).forEach(SyncGroup::adoptMemberStates);
    }

    /** Where group notify scripts hook in: called on the VRRP thread, in order with the members' actions. */
    void onGroupStateChanged(Consumer<SyncGroup.GroupStateChanged> listener) {
        this.groupListener = listener;
    }

    /** Hands an event to an instance, and to the rest of its sync group. */
    void handle(VrrpStateMachine fsm, VrrpEvent event, Target target) {
        SyncGroup g = groupOf.get(fsm);
        if (g == null) {
            deliver(fsm, fsm.handle(event), target);
            return;
        }
        carry(g.handle(fsm, event), target);
    }

    private void carry(List<SyncGroup.Outcome> outcomes, Target target) {
        for (SyncGroup.Outcome o : outcomes) {
            if (o instanceof SyncGroup.MemberStep s) {
                deliver(s.member(), s.step(), target);
            } else if (o instanceof SyncGroup.GroupLog l) {
                LOG.info(l.line());
            } else if (o instanceof SyncGroup.GroupStateChanged c) {
                groupListener.accept(c);
            }
        }
    }

    private void deliver(VrrpStateMachine fsm, VrrpStep step, Target target) {
        target.apply(fsm, step);
        SplitBrainDetector d = splitBrain.get(fsm);
        if (d != null) {
            d.observe(step).forEach(LOG::warn);
        }
    }

    /** From any thread: a VIP of {@code instance} was deleted (the VRRP thread checks it is master). */
    void vipDeleted(VipGone gone) {
        vipsGone.add(gone);
    }

    /** On the VRRP thread: what {@link #vipDeleted} queued; bounded by what is queued now. */
    void applyPending(Target target) {
        for (int n = vipsGone.size(); n > 0; n--) {
            VipGone g = vipsGone.poll();
            if (g == null) {
                return;
            }
            VrrpStateMachine fsm = byName.get(g.instance());
            if (fsm == null || fsm.state() != VrrpState.MASTER) {
                continue; // keepalived only cares while master: otherwise the address is not meant to be there
            }
            // keepalived logs this only with --log-detail; a VIP vanishing is worth a line at any level
            LOG.info("Netlink reflector reports IP {} removed from {}", g.address(), g.dev());
            SyncGroup group = groupOf.get(fsm);
            if (group == null) {
                deliver(fsm, fsm.handle(new VrrpEvent.VipDeleted()), target);
            } else {
                carry(group.vipDeleted(fsm), target);
            }
        }
    }

    /** The split-brain state of an instance, for the state dump. */
    Optional<SplitBrainDetector> splitBrain(String instance) {
        VrrpStateMachine m = byName.get(instance);
        return m == null ? Optional.empty() : Optional.ofNullable(splitBrain.get(m));
    }
}
