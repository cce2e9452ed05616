package io.jkeepalived.vrrp.fsm;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code vrrp_sync_group}: its members are all MASTER or none is, as keepalived 2.2.7's vrrp_sync.c runs them
 * (re-expressed, not copied). Pure like the state machines it coordinates: every event for a member goes through
 * {@link #handle}, which returns the member's step followed by whatever the group makes the other members do.
 * <ul>
 * <li>A member whose master-down timer expires becomes master only if every other member wants MASTER too (its
 *     own timer expired, or it is master); otherwise it stays BACKUP, re-arms the timer and keeps wanting MASTER
 *     ({@code vrrp_sync_can_goto_master}: prefer BACKUP to avoid thrashing). A backup hearing a master stops
 *     wanting it.</li>
 * <li>A member entering MASTER takes the other backups with it ({@code vrrp_sync_master}); a master leaving
 *     for BACKUP takes the other masters with it ({@code vrrp_sync_backup}), each with keepalived's
 *     {@code VRRP_Group(G) Syncing instances to ... state} line.</li>
 * <li>A member in FAULT through one of its own trackers holds every other member in FAULT
 *     ({@code vrrp_sync_fault}, keepalived's num_member_fault); when the last such fault clears the members come
 *     back as BACKUP together. The hold is a weight-0 tracker named {@value #TRACKER_PREFIX}{@code NAME} on each
 *     member, so the machines' own FAULT handling does the transitions.</li>
 * </ul>
 * Difference from keepalived: a master pulled into FAULT by the group sends priority 0 twice, as for its own
 * fault (keepalived's vrrp_sync_fault sends it once); the backups take over either way.
 */
public final class SyncGroup {
    /** Prefix of the tracker through which the group holds members in FAULT. */
    public static final String TRACKER_PREFIX = "sync_group ";

    /** What one call produced, in the order to carry it out. */
    public sealed interface Outcome {
    }

    /** A step of one member: carry out its actions and take its wake-up, as for an ungrouped instance. */
    public record MemberStep(VrrpStateMachine member, VrrpStep step) implements Outcome {
        public MemberStep {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(step, "step");
        }
    }

    /** A line keepalived logs at LOG_INFO for the group. */
    public record GroupLog(String line) implements Outcome {
        public GroupLog {
            Objects.requireNonNull(line, "line");
        }
    }

    /** The group's state changed: where group notify scripts (notify_master/backup/fault of the group) hook in. */
    public record GroupStateChanged(String group, VrrpState from, VrrpState to) implements Outcome {
    }

    private final String name;
    private final List<VrrpStateMachine> members;
    private final String tracker;
    private final Map<VrrpStateMachine, Boolean> held = new IdentityHashMap<>();
    private VrrpState state;

    /**
     * @param name    the group name
     * @param members the members' machines, before any event reached them; each may be in one group only
     */
    public SyncGroup(String name, List<VrrpStateMachine> members) {
        this.name = Objects.requireNonNull(name, "name");
        this.members = List.copyOf(members);
        if (this.members.isEmpty()) {
            throw new IllegalArgumentException("sync group " + name + " has no members");
        }
        this.tracker = TRACKER_PREFIX + name;
        // keepalived: the group starts MASTER only if every member is an address owner configured MASTER
        boolean allOwners = true;
        for (VrrpStateMachine m : this.members) {
            VrrpInstanceConfig c = m.config();
            allOwners &= c.initialState() == VrrpState.MASTER && c.priority() == VrrpInstanceConfig.PRIORITY_OWNER;
            held.put(m, false);
            m.masterGate(this::mayBecomeMaster);
        }
        this.state = allOwners ? VrrpState.MASTER : VrrpState.BACKUP;
    }

    public String name() {
        return name;
    }

    /**
     * After a reload, whose members were carried over in their states: the group is MASTER when every member is,
     * as keepalived 2.2.7's vrrp_complete_init() sets it on reload (otherwise it stays as constructed).
     */
    public void adoptMemberStates() {
        if (members.stream().allMatch(m -> m.state() == VrrpState.MASTER)) {
            state = VrrpState.MASTER;
        }
    }

    /** The group's state: BACKUP, MASTER or FAULT. */
    public VrrpState state() {
        return state;
    }

    public List<VrrpStateMachine> members() {
        return members;
    }

    public boolean contains(VrrpStateMachine m) {
        return held.containsKey(m);
    }

    /** Hands {@code event} to {@code member} and makes the other members follow. */
    public List<Outcome> handle(VrrpStateMachine member, VrrpEvent event) {
        if (!contains(member)) {
            throw new IllegalArgumentException(member.config().name() + " is not in sync group " + name);
        }
        List<Outcome> out = new ArrayList<>();
        VrrpState before = member.state();
        out.add(new MemberStep(member, member.handle(event)));
        follow(member, before, out);
        return out;
    }

    /**
     * A VIP of {@code member} was deleted behind our back: keepalived's set_vrrp_backup() takes every master of the
     * group to BACKUP (priority 0, VIPs released) with a skew-time timer, so the group comes back together after the
     * last member's skew time.
     */
    public List<Outcome> vipDeleted(VrrpStateMachine member) {
        if (!contains(member)) {
            throw new IllegalArgumentException(member.config().name() + " is not in sync group " + name);
        }
        List<Outcome> out = new ArrayList<>();
        if (member.state() != VrrpState.MASTER) {
            return out;
        }
        out.add(new MemberStep(member, member.handle(new VrrpEvent.VipDeleted())));
        for (VrrpStateMachine m : members) {
            if (m != member && m.state() == VrrpState.MASTER) {
                out.add(new MemberStep(m, m.handle(new VrrpEvent.VipDeleted())));
            }
        }
        setState(VrrpState.BACKUP, out);
        return out;
    }

    private boolean mayBecomeMaster(VrrpStateMachine who) {
        if (state == VrrpState.MASTER) {
            return true;
        }
        for (VrrpStateMachine m : members) {
            if (m != who && !m.wantsMaster()) {
                return false;
            }
        }
        return true;
    }

    private void follow(VrrpStateMachine member, VrrpState before, List<Outcome> out) {
        if (member.state() == VrrpState.STOP) {
            return;
        }
        boolean anyOwnFault = false;
        for (VrrpStateMachine m : members) {
            anyOwnFault |= m.ownFault();
        }
        if (anyOwnFault && state != VrrpState.FAULT) {
            out.add(new GroupLog(member.state() == VrrpState.INIT
                    ? "VRRP_Group(" + name + "): Syncing " + member.config().name() + " to FAULT state"
                    : "VRRP_Group(" + name + ") Syncing instances to FAULT state"));
            setState(VrrpState.FAULT, out);
            updateHolds(out);
            return;
        }
        if (!anyOwnFault && state == VrrpState.FAULT) {
            out.add(new GroupLog("VRRP_Group(" + name + ") Syncing instances to BACKUP state"));
            setState(VrrpState.BACKUP, out);
            updateHolds(out);
            return;
        }
        updateHolds(out); // a second member's own fault: the first is now held by the group too
        VrrpState after = member.state();
        if (before != VrrpState.MASTER && after == VrrpState.MASTER && state != VrrpState.MASTER) {
            out.add(new GroupLog("VRRP_Group(" + name + ") Syncing instances to MASTER state"));
            for (VrrpStateMachine m : members) {
                if (m != member && m.state() == VrrpState.BACKUP) {
                    out.add(new MemberStep(m, m.syncToMaster()));
                }
            }
            setState(VrrpState.MASTER, out);
        } else if (before == VrrpState.MASTER && after == VrrpState.BACKUP && state == VrrpState.MASTER) {
            out.add(new GroupLog("VRRP_Group(" + name + ") Syncing instances to BACKUP state"));
            for (VrrpStateMachine m : members) {
                if (m != member && m.state() == VrrpState.MASTER) {
                    out.add(new MemberStep(m, m.syncToBackup()));
                }
            }
            setState(VrrpState.BACKUP, out);
        }
    }

    /** Each member is held in FAULT while another member has a fault of its own. */
    private void updateHolds(List<Outcome> out) {
        for (VrrpStateMachine m : members) {
            boolean hold = false;
            for (VrrpStateMachine n : members) {
                hold |= n != m && n.ownFault();
            }
            if (held.get(m) != hold) {
                held.put(m, hold);
                out.add(new MemberStep(m, m.handle(new VrrpEvent.TrackerChanged(tracker, 0, hold))));
            }
        }
    }

    private void setState(VrrpState to, List<Outcome> out) {
        if (to != state) {
            out.add(new GroupStateChanged(name, state, to));
            state = to;
        }
    }
}
