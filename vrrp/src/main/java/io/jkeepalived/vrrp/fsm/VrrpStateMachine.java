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

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The state machine of one VRRP instance (RFC 3768 §6.4, RFC 5798 §6.4) as keepalived 2.2.7 runs it: its
 * {@code vrrp_state_backup()}, {@code vrrp_state_master_rx()/_tx()}, {@code vrrp_state_leave_master()/_fault()},
 * {@code vrrp_init_state()} and the scheduler's timeout handling, re-expressed (not copied) as a pure object.
 *
 * <p>It does no I/O and starts no threads. Each {@link #handle(VrrpEvent)} reads the injected nanosecond clock once,
 * updates the state and returns the actions for the edge plus the deadline at which the edge must deliver the next
 * {@link Tick}. Not thread-safe: one instance is driven by one event loop. The edge does, in outline:
 * <pre>{@code
 * VrrpStateMachine fsm = new VrrpStateMachine(config, System::nanoTime);
 * VrrpStep step = fsm.handle(new VrrpEvent.Start());
 * // carry out step.actions() in order (send adverts, add/remove VIPs, GARPs, notify, log);
 * // (re)schedule a VrrpEvent.Tick at step.wakeupAtNanos(), if present;
 * // feed each checked advert for this VRID as VrrpEvent.AdvertReceived, tracker news as TrackerChanged,
 * // SIGTERM as Stop -- and treat every returned step the same way.
 * }</pre>
 *
 * <p>Timer arithmetic is keepalived's, in microseconds with its integer rounding ({@code TIMER_HZ}), so the
 * deadlines match what keepalived computes exactly:
 * <ul>
 * <li>skew: v2 {@code (256 - priority) * 1 s / 256}; v3 {@code (256 - priority) * master_adver_int / 256} with
 *     the interval in centiseconds ({@code VRRP_TIMER_SKEW});</li>
 * <li>master-down: {@code down_timer_adverts * master_adver_int + skew} ({@code VRRP_MS_DOWN_TIMER}).</li>
 * </ul>
 *
 * <p>Deliberate differences from keepalived, each invisible on the wire in normal operation:
 * <ul>
 * <li>an address owner (priority 255, state MASTER) becomes master inside {@link Start}; keepalived gets there
 *     through a 1 µs backup timeout;</li>
 * <li>a master's advert timer is restarted after a received advert only when the advert passed the checks
 *     (keepalived also restarts it for a dropped one, so a stream of bad adverts could hold off its adverts);</li>
 * <li>{@code garp_master_refresh} and {@code garp_extra_if} are due when their time is reached, not strictly passed
 *     (keepalived's clock has always moved on by the time the advert goes out);</li>
 * <li>a v3 advert with interval 0 is dropped (keepalived would learn a zero master-down interval);</li>
 * <li>at most {@value #MAX_PENDING_GARPS} delayed GARP bursts are kept pending; further ones are not scheduled.</li>
 * </ul>
 */
public final class VrrpStateMachine {

    /** keepalived's TIMER_HZ: timer arithmetic is done in microseconds. */
    private static final long MICROS_PER_SECOND = 1_000_000L;
    /** keepalived's TIMER_CENTI_HZ. */
    private static final long MICROS_PER_CENTI = 10_000L;
    static final int MAX_PENDING_GARPS = 256;

    private final VrrpInstanceConfig config;
    private final LongSupplier nanoClock;
    private final String prefix;

    private VrrpState state = VrrpState.INIT;
    private int basePriority;
    private int effectivePriority;
    private final Map<String, TrackerChanged> trackers = new LinkedHashMap<>();

    private final long adverIntMicros;
    private long masterAdverIntMicros;
    /** keepalived's ms_down_timer: kept as a variable because priority changes shift the deadline by its delta. */
    private long msDownTimerMicros;

    /** keepalived's sands: master-down deadline in BACKUP, next advert in MASTER. */
    private boolean sandsArmed;
    private long sandsAt;

    private boolean vipSet;
    /** vrrp_startup_delay: until then, backup timers run from this instant instead of from now. */
    private boolean delayedStartArmed;
    private long delayedStartAt;
    private boolean preemptArmed;
    private long preemptAt;
    private long garpRefreshAt;
    private long garpExtraIfAt;

    /** Delayed GARP bursts; like keepalived's timer threads they survive leaving MASTER and fire only if VIPs are set. */
    private final List<PendingGarp> pendingGarps = new ArrayList<>();

    private InetAddress masterAddress;
    private int masterPriority;

    /** The advert source in use: the configured primary address until the edge reports another. */
    private InetAddress sourceAddress;
    /** True while the interface has no usable source address: one more fault, as keepalived counts it. */
    private boolean noSourceAddress;

    /** Set by a {@link SyncGroup}: asked before a backup becomes master; null = no sync group. */
    private MasterGate masterGate;
    /** keepalived's wantstate MASTER while held in BACKUP by the sync group (master-down expired). */
    private boolean wantMaster;

    /** What a sync group answers when a member's master-down timer expires (keepalived's vrrp_sync_can_goto_master). */
    @FunctionalInterface
    interface MasterGate {
        boolean mayBecomeMaster(VrrpStateMachine member);
    }

    private record PendingGarp(long at, int repeat, GarpReason reason) {
    }

    /**
     * @param config    the instance configuration
     * @param nanoClock monotonic nanoseconds, e.g. {@code System::nanoTime}; tests pass a fake clock
     */
    public VrrpStateMachine(VrrpInstanceConfig config, LongSupplier nanoClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.prefix = "(" + config.name() + ") ";
        this.basePriority = config.priority();
        this.effectivePriority = config.priority();
        this.adverIntMicros = config.advertIntervalCentis() * MICROS_PER_CENTI;
        this.masterAdverIntMicros = adverIntMicros;
        this.msDownTimerMicros = masterDownMicros();
        this.sourceAddress = config.primaryAddress();
    }

    /** Processes one event and returns the actions it causes and the next wake-up deadline. */
    public VrrpStep handle(VrrpEvent event) {
        Objects.requireNonNull(event, "event");
        long now = nanoClock.getAsLong();
        List<VrrpAction> out = new ArrayList<>();
        if (event instanceof Tick) {
            onTick(now, out);
        } else if (event instanceof AdvertReceived advert) {
            onAdvert(now, advert, out);
        } else if (event instanceof TrackerChanged change) {
            onTracker(now, change, out);
        } else if (event instanceof Start) {
            onStart(now, out);
        } else if (event instanceof Stop) {
            onStop(out);
        } else if (event instanceof VrrpEvent.VipDeleted) {
            onVipDeleted(now, out);
        } else if (event instanceof VrrpEvent.SourceAddressChanged change) {
            onSourceAddress(now, change, out);
        }
        return new VrrpStep(out, nextWakeup());
    }

    public VrrpState state() {
        return state;
    }

    public VrrpInstanceConfig config() {
        return config;
    }

    /** The priority this instance advertises now: base plus tracker weights, clamped as keepalived does. */
    public int effectivePriority() {
        return effectivePriority;
    }

    /** The advert interval in use for master-down: the master's (v3 learns it) or our own. */
    public int masterAdvertIntervalCentis() {
        return (int) (masterAdverIntMicros / MICROS_PER_CENTI);
    }

    /** The master-down interval for the current priority and learned interval, in microseconds. */
    public long masterDownMicros() {
        return config.downTimerAdverts() * masterAdverIntMicros + skewMicros();
    }

    /** The skew time for the current priority and learned interval, in microseconds. */
    public long skewMicros() {
        long notPriority = 256 - effectivePriority;
        if (config.version() == 3) {
            // keepalived reduces the v3 formula to avoid overflow: 625/16 == TIMER_CENTI_HZ/256.
            return notPriority * (masterAdverIntMicros / MICROS_PER_CENTI) * 625 / 16;
        }
        return notPriority * MICROS_PER_SECOND / 256;
    }

    /** Source of the last advert accepted from (or discarded from) a master; null before any. */
    public InetAddress masterAddress() {
        return masterAddress;
    }

    /** The advert source address in use (compared with an advert's on equal priority); null when there is none. */
    public InetAddress sourceAddress() {
        return noSourceAddress ? null : sourceAddress;
    }

    /** Priority of the last advert accepted from the master. */
    public int masterPriority() {
        return masterPriority;
    }

    /**
     * This instance under a reloaded configuration (SIGHUP), as keepalived 2.2.7 carries an instance of the same
     * name over (restore_vrrp_state): the state, whether the VIPs are set, the running timers (a master's next
     * advert is not moved, a backup's master-down deadline only by the change of its interval), the learned master
     * and the pending GARP bursts stay; the priority, intervals and options are the new configuration's. No
     * actions: the next advert simply carries the new values.
     *
     * @param next          the new settings of the instance (same name)
     * @param keepTrackers  false when the instance's trackers were re-planned: their contributions are dropped and
     *                      the new trackers report afresh
     */
    public VrrpStateMachine reconfigured(VrrpInstanceConfig next, boolean keepTrackers) {
        VrrpStateMachine m = new VrrpStateMachine(next, nanoClock);
        m.state = state;
        if (keepTrackers) {
            m.trackers.putAll(trackers);
        }
        long total = m.basePriority;
        for (TrackerChanged t : m.trackers.values()) {
            total += t.weight();
        }
        m.effectivePriority = m.basePriority == VrrpInstanceConfig.PRIORITY_OWNER ? m.basePriority
                : (int) Math.max(1, Math.min(VrrpInstanceConfig.PRIORITY_OWNER - 1, total));
        // a master advertises its own (new) interval; a v3 backup keeps the interval it learned from the master
        m.masterAdverIntMicros = state == VrrpState.BACKUP && next.version() == 3 && config.version() == 3
                ? masterAdverIntMicros : m.adverIntMicros;
        m.msDownTimerMicros = m.masterDownMicros();
        m.sandsArmed = sandsArmed;
        m.sandsAt = sandsAt;
        if (state == VrrpState.BACKUP && sandsArmed) {
            m.sandsAt += (m.msDownTimerMicros - msDownTimerMicros) * 1000;
        }
        m.vipSet = vipSet;
        m.delayedStartArmed = delayedStartArmed;
        m.delayedStartAt = delayedStartAt;
        m.preemptArmed = preemptArmed;
        m.preemptAt = preemptAt;
        m.garpRefreshAt = garpRefreshAt;
        m.garpExtraIfAt = garpExtraIfAt;
        m.pendingGarps.addAll(pendingGarps);
        m.masterAddress = masterAddress;
        m.masterPriority = masterPriority;
        m.wantMaster = wantMaster;
        // the advert source is the machine's, not the configuration's: an instance in FAULT for want of an address
        // must leave it when the address comes, after a reload as before
        m.sourceAddress = sourceAddress;
        m.noSourceAddress = noSourceAddress;
        return m;
    }

    /** The wake-up deadline of this machine now (after {@link #reconfigured}, to reschedule its tick). */
    public OptionalLong wakeupAtNanos() {
        return nextWakeup();
    }

    // ---------------------------------------------------------------- events

    private void onStart(long now, List<VrrpAction> out) {
        if (state != VrrpState.INIT) {
            return;
        }
        masterAdverIntMicros = adverIntMicros;
        if (!config.vrrpStartupDelay().isZero()) {
            delayedStartArmed = true;
            delayedStartAt = now + config.vrrpStartupDelay().toNanos();
        }
        if (faulty()) {
            state = VrrpState.FAULT;
            out.add(new StateChanged(VrrpState.INIT, VrrpState.FAULT, prefix + "Entering FAULT STATE (init)"));
            return;
        }
        if (config.initialState() == VrrpState.MASTER && basePriority == VrrpInstanceConfig.PRIORITY_OWNER
                && (masterGate == null || masterGate.mayBecomeMaster(this))) {
            if (delayedStartArmed) {
                // keepalived parks the owner in BACKUP (silently) until 1 µs after the startup delay.
                state = VrrpState.BACKUP;
                out.add(new StateChanged(VrrpState.INIT, VrrpState.BACKUP, ""));
                msDownTimerMicros = 1;
                armBackup(now, msDownTimerMicros);
                return;
            }
            // keepalived takes the owner to MASTER through a 1 µs backup timeout, without logging BACKUP.
            gotoMaster(now, VrrpState.INIT, out);
            return;
        }
        // A non-owner configured "state MASTER" still starts as backup and waits a full master-down interval.
        state = VrrpState.BACKUP;
        out.add(new StateChanged(VrrpState.INIT, VrrpState.BACKUP, prefix + "Entering BACKUP STATE (init)"));
        msDownTimerMicros = masterDownMicros();
        armBackup(now, msDownTimerMicros);
    }

    private void onStop(List<VrrpAction> out) {
        if (state == VrrpState.STOP) {
            return;
        }
        VrrpState from = state;
        if (from == VrrpState.MASTER) {
            // Tell the backups to take over after their skew time only, then release the addresses.
            out.add(new SendAdvert(0));
        }
        if (vipSet) {
            out.add(new RemoveVips());
            vipSet = false;
        }
        state = VrrpState.STOP;
        sandsArmed = false;
        pendingGarps.clear();
        out.add(new StateChanged(from, VrrpState.STOP, ""));
    }

    private void onTick(long now, List<VrrpAction> out) {
        if (sandsArmed && due(sandsAt, now)) {
            if (state == VrrpState.BACKUP) {
                if (masterGate != null && !masterGate.mayBecomeMaster(this)) {
                    // held in BACKUP by the sync group: keep wanting MASTER, check again a master-down later
                    wantMaster = true;
                    msDownTimerMicros = masterDownMicros();
                    armBackup(now, msDownTimerMicros);
                } else {
                    gotoMaster(now, VrrpState.BACKUP, out);
                }
            } else if (state == VrrpState.MASTER) {
                arm(now, adverIntMicros);
                masterTransmit(now, VrrpState.MASTER, out);
            } else {
                sandsArmed = false;
            }
        }
        while (!pendingGarps.isEmpty() && due(pendingGarps.get(0).at(), now)) {
            PendingGarp g = pendingGarps.remove(0);
            // keepalived's delayed GARP thread is not cancelled on leaving MASTER: it sends only if VIPs are set.
            if (vipSet && g.repeat() > 0) {
                out.add(new SendGratuitousArps(g.repeat(), g.reason()));
            }
        }
    }

    private void onAdvert(long now, AdvertReceived advert, List<VrrpAction> out) {
        if (state != VrrpState.BACKUP && state != VrrpState.MASTER) {
            return; // keepalived ignores adverts in INIT and FAULT
        }
        if (!intervalAcceptable(advert, out)) {
            return; // dropped: a backup's deadline is unchanged, a master's too
        }
        if (state == VrrpState.BACKUP) {
            backupReceive(now, advert, out);
        } else if (masterReceive(now, advert, out)) {
            leaveMasterForBackup(now, out);
        } else if (!config.lowerPrioNoAdvert()) {
            // keepalived restarts the advert timer after handling an advert as master (it usually just sent one).
            arm(now, adverIntMicros);
        }
    }

    private void onTracker(long now, TrackerChanged change, List<VrrpAction> out) {
        if (state == VrrpState.STOP) {
            return;
        }
        boolean wasFaulty = faulty();
        trackers.put(change.tracker(), change);
        updateEffectivePriority(out);
        boolean isFaulty = faulty();
        if (state == VrrpState.INIT || wasFaulty == isFaulty) {
            return; // before Start the trackers only decide the initial state
        }
        if (isFaulty) {
            downInstance(now, out);
        } else {
            upInstance(now, out);
        }
    }

    /**
     * keepalived's netlink address handling: the last usable address gone is a fault (a master sends priority 0
     * from the old address and releases its VIPs), the first one back ends it; a replacement changes only the
     * address compared on equal priority.
     */
    private void onSourceAddress(long now, VrrpEvent.SourceAddressChanged change, List<VrrpAction> out) {
        if (state == VrrpState.STOP) {
            return;
        }
        boolean wasFaulty = faulty();
        noSourceAddress = change.address() == null;
        if (change.address() != null) {
            sourceAddress = change.address();
        }
        boolean isFaulty = faulty();
        if (state == VrrpState.INIT || wasFaulty == isFaulty) {
            return; // before Start it only decides the initial state
        }
        if (isFaulty) {
            downInstance(now, out);
        } else {
            upInstance(now, out);
        }
    }

    /** keepalived's set_vrrp_backup(): leave MASTER (priority 0, VIPs released), back after the skew time. */
    private void onVipDeleted(long now, List<VrrpAction> out) {
        if (state != VrrpState.MASTER) {
            return;
        }
        out.add(new StateChanged(VrrpState.MASTER, VrrpState.BACKUP, prefix + "Entering BACKUP STATE"));
        out.add(new SendAdvert(0));
        preemptArmed = false;
        releaseVips(out);
        state = VrrpState.BACKUP;
        msDownTimerMicros = skewMicros(); // a quick way back to MASTER
        armBackup(now, msDownTimerMicros);
    }

    // ---------------------------------------------------------------- sync group (package-private: SyncGroup)

    void masterGate(MasterGate gate) {
        this.masterGate = gate;
    }

    /** keepalived's wantstate == MASTER: master now, or held in BACKUP by the sync group after master-down. */
    boolean wantsMaster() {
        return state == VrrpState.MASTER || wantMaster;
    }

    /** True while one of this instance's own trackers (not the sync group) holds it in FAULT. */
    boolean ownFault() {
        if (noSourceAddress) {
            return true;
        }
        for (TrackerChanged t : trackers.values()) {
            if (t.fault() && !t.tracker().startsWith(SyncGroup.TRACKER_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    /** vrrp_sync_master() for another member: a backup goes to MASTER now. */
    VrrpStep syncToMaster() {
        long now = nanoClock.getAsLong();
        List<VrrpAction> out = new ArrayList<>();
        if (state == VrrpState.BACKUP) {
            gotoMaster(now, VrrpState.BACKUP, out);
        }
        return new VrrpStep(out, nextWakeup());
    }

    /** vrrp_sync_backup() for another member: a master leaves for BACKUP (no priority-0 advert). */
    VrrpStep syncToBackup() {
        long now = nanoClock.getAsLong();
        List<VrrpAction> out = new ArrayList<>();
        if (state == VrrpState.MASTER) {
            leaveMasterForBackup(now, out);
        }
        return new VrrpStep(out, nextWakeup());
    }

    /** The wake-up deadline now, for a step that carried no actions. */
    VrrpStep idle() {
        return new VrrpStep(List.of(), nextWakeup());
    }

    // ---------------------------------------------------------------- transitions

    private void gotoMaster(long now, VrrpState from, List<VrrpAction> out) {
        wantMaster = false;
        state = VrrpState.MASTER;
        arm(now, adverIntMicros);
        masterTransmit(now, from, out);
    }

    /** keepalived's vrrp_state_master_tx(): the advert goes first so the old master drops the VIPs before our GARPs. */
    private void masterTransmit(long now, VrrpState from, List<VrrpAction> out) {
        out.add(new SendAdvert(effectivePriority));
        if (!vipSet) {
            out.add(new StateChanged(from, VrrpState.MASTER, prefix + "Entering MASTER STATE"));
            becomeMaster(now, out);
            if (!config.garpMasterDelay().isZero()) {
                schedule(now, config.garpMasterDelay().toNanos(), config.garpMasterRepeat(), GarpReason.MASTER_DELAY);
            }
        } else {
            if (!config.garpMasterRefresh().isZero() && due(garpRefreshAt, now)) {
                if (config.garpMasterRefreshRepeat() > 0) {
                    out.add(new SendGratuitousArps(config.garpMasterRefreshRepeat(), GarpReason.MASTER_REFRESH));
                }
                garpRefreshAt = now + config.garpMasterRefresh().toNanos();
            }
            // right after the refresh, due when reached as the refresh is (see the class comment)
            if (!config.garpExtraIf().isZero() && due(garpExtraIfAt, now)) {
                out.add(new SendGratuitousArps(1, GarpReason.EXTRA_IF));
                garpExtraIfAt = now + config.garpExtraIf().toNanos();
            }
        }
    }

    private void becomeMaster(long now, List<VrrpAction> out) {
        // RFC 5798 §6.4.3: a master advertises its own interval; master-down uses it again from here on.
        masterAdverIntMicros = adverIntMicros;
        out.add(new AddVips());
        vipSet = true;
        if (config.garpMasterRepeat() > 0) {
            out.add(new SendGratuitousArps(config.garpMasterRepeat(), GarpReason.BECOME_MASTER));
        }
        if (!config.garpMasterRefresh().isZero()) {
            garpRefreshAt = now + config.garpMasterRefresh().toNanos();
        }
        if (!config.garpExtraIf().isZero()) {
            garpExtraIfAt = now + config.garpExtraIf().toNanos();
        }
    }

    /** keepalived's vrrp_state_backup() for an advert that passed the checks. */
    private void backupReceive(long now, AdvertReceived advert, List<VrrpAction> out) {
        int priority = advert.priority();
        if (priority == 0) {
            // The master is stopping: take over after the skew time only (RFC 3768 §6.4.2).
            msDownTimerMicros = skewMicros();
            armBackup(now, msDownTimerMicros);
            return;
        }
        boolean preemptHeldOff = !config.preemptDelay().isZero() && (!preemptArmed || !due(preemptAt, now));
        if (config.nopreempt() || priority >= effectivePriority || preemptHeldOff) {
            if (config.version() == 3) {
                masterAdverIntMicros = advert.advertIntervalCentis() * MICROS_PER_CENTI;
            }
            msDownTimerMicros = masterDownMicros();
            masterAddress = advert.source();
            masterPriority = priority;
            wantMaster = false; // a master is there: a sync group must no longer count us as wanting MASTER
            if (!config.preemptDelay().isZero()) {
                if (priority >= effectivePriority) {
                    preemptArmed = false;
                } else if (!preemptArmed) {
                    preemptArmed = true;
                    preemptAt = now + config.preemptDelay().toNanos();
                }
            }
            armBackup(now, msDownTimerMicros);
            return;
        }
        // Preemption: ignore the lower-priority master and let the master-down timer run out.
        out.add(new Log(prefix + "received lower priority (" + priority + ") advert from "
                + AddressText.format(advert.source()) + " - discarding"));
        masterAddress = advert.source();
        msDownTimerMicros = sandsArmed ? Math.max(0, (sandsAt - now) / 1000) : 0;
        if (startupDelayRunning(now)) {
            // keepalived re-arms from the delayed start even here, so each discard during the delay pushes the
            // deadline out by the time left until the delayed start.
            armBackup(now, msDownTimerMicros);
        }
    }

    /**
     * keepalived's vrrp_state_master_rx(): returns true when this instance must leave MASTER for BACKUP.
     */
    private boolean masterReceive(long now, AdvertReceived advert, List<VrrpAction> out) {
        int priority = advert.priority();
        int addrCmp = AddressText.compare(advert.source(), sourceAddress);
        String from = AddressText.format(advert.source());

        if (priority == 0 || (config.higherPrioSendAdvert()
                && (priority > effectivePriority || (priority == effectivePriority && addrCmp > 0)))) {
            out.add(new SendAdvert(effectivePriority));
            if (priority == 0) {
                return false;
            }
        }
        if (priority == effectivePriority) {
            if (addrCmp == 0) {
                out.add(new Log(prefix + "WARNING - equal priority advert received from remote host with our IP address."));
            } else if (effectivePriority == VrrpInstanceConfig.PRIORITY_OWNER) {
                out.add(new Log(prefix + "CONFIGURATION ERROR: local instance and a remote instance are both"
                        + " configured as address owner, please fix - reducing local priority"));
                effectivePriority = VrrpInstanceConfig.PRIORITY_OWNER - 1;
                basePriority = VrrpInstanceConfig.PRIORITY_OWNER - 1;
            }
        }
        if (priority < effectivePriority || (priority == effectivePriority && addrCmp < 0)) {
            out.add(new Log(prefix + "Received advert from " + from + " with lower priority " + priority
                    + ", ours " + effectivePriority + (config.lowerPrioNoAdvert() ? "" : ", forcing new election")));
            if (!config.lowerPrioNoAdvert()) {
                out.add(new SendAdvert(effectivePriority));
            }
            if (config.garpLowerPrioRepeat() > 0) {
                if (vipSet) {
                    out.add(new SendGratuitousArps(config.garpLowerPrioRepeat(), GarpReason.LOWER_PRIO));
                }
                if (!config.garpLowerPrioDelay().isZero()) {
                    schedule(now, config.garpLowerPrioDelay().toNanos(), config.garpLowerPrioRepeat(),
                            GarpReason.LOWER_PRIO_DELAY);
                }
            }
            out.add(new MasterReceivedLowerPriority(advert.source(), priority));
            return false;
        }
        if (priority > effectivePriority || (priority == effectivePriority && addrCmp > 0)) {
            if (priority > effectivePriority) {
                out.add(new Log(prefix + "Master received advert from " + from + " with higher priority "
                        + priority + ", ours " + effectivePriority));
            } else {
                out.add(new Log(prefix + "Master received advert from " + from + " with same priority "
                        + priority + " but higher IP address than ours"));
            }
            if (config.version() == 3) {
                masterAdverIntMicros = advert.advertIntervalCentis() * MICROS_PER_CENTI;
            }
            masterAddress = advert.source();
            masterPriority = priority;
            return true;
        }
        return false;
    }

    /** keepalived's vrrp_state_leave_master() with wantstate BACKUP. */
    private void leaveMasterForBackup(long now, List<VrrpAction> out) {
        out.add(new StateChanged(VrrpState.MASTER, VrrpState.BACKUP, prefix + "Entering BACKUP STATE"));
        preemptArmed = false;
        releaseVips(out);
        state = VrrpState.BACKUP;
        msDownTimerMicros = masterDownMicros();
        armBackup(now, msDownTimerMicros);
    }

    /** keepalived's down_instance(): a tracker reports a fault. */
    private void downInstance(long now, List<VrrpAction> out) {
        VrrpState from = state;
        if (from == VrrpState.MASTER) {
            // keepalived sends priority 0 twice here: once in leave_master, once more when restoring the interface.
            out.add(new StateChanged(from, VrrpState.FAULT, prefix + "Entering FAULT STATE"));
            out.add(new SendAdvert(0));
            out.add(new SendAdvert(0));
            releaseVips(out);
        } else if (from != VrrpState.FAULT) {
            out.add(new StateChanged(from, VrrpState.FAULT, prefix + "Entering FAULT STATE"));
        }
        state = VrrpState.FAULT;
        wantMaster = false;
        masterAdverIntMicros = adverIntMicros;
        msDownTimerMicros = masterDownMicros();
        sandsArmed = false;
    }

    /** keepalived's try_up_instance() + vrrp_state_leave_fault(): every instance, even an owner, comes back as BACKUP. */
    private void upInstance(long now, List<VrrpAction> out) {
        if (state != VrrpState.FAULT) {
            return;
        }
        out.add(new StateChanged(VrrpState.FAULT, VrrpState.BACKUP, prefix + "Entering BACKUP STATE"));
        state = VrrpState.BACKUP;
        preemptArmed = false;
        masterAdverIntMicros = adverIntMicros;
        msDownTimerMicros = masterDownMicros();
        armBackup(now, msDownTimerMicros);
    }

    private void releaseVips(List<VrrpAction> out) {
        if (vipSet) {
            out.add(new RemoveVips());
            vipSet = false;
        }
    }

    // ---------------------------------------------------------------- priority and checks

    /**
     * keepalived's vrrp_set_effective_priority(): an address owner never changes; others are clamped to 1..254.
     * In BACKUP the master-down deadline moves by the change in the master-down interval.
     */
    private void updateEffectivePriority(List<VrrpAction> out) {
        if (basePriority == VrrpInstanceConfig.PRIORITY_OWNER) {
            return;
        }
        long total = basePriority;
        for (TrackerChanged t : trackers.values()) {
            total += t.weight();
        }
        int newPriority = (int) Math.max(1, Math.min(VrrpInstanceConfig.PRIORITY_OWNER - 1, total));
        if (newPriority == effectivePriority) {
            return;
        }
        out.add(new Log(prefix + "Changing effective priority from " + effectivePriority + " to " + newPriority));
        out.add(new PriorityChanged(effectivePriority, newPriority));
        effectivePriority = newPriority;
        long old = msDownTimerMicros;
        msDownTimerMicros = masterDownMicros();
        if (state == VrrpState.BACKUP && sandsArmed) {
            sandsAt += (msDownTimerMicros - old) * 1000;
        }
    }

    /**
     * The checks of keepalived's vrrp_check_packet() that depend on the configuration rather than the bytes:
     * a v2 advert must carry our interval (RFC 3768 §7.1); a v3 interval of 0 cannot give a master-down time.
     */
    private boolean intervalAcceptable(AdvertReceived advert, List<VrrpAction> out) {
        if (config.version() == 2 && advert.advertIntervalCentis() != config.advertIntervalCentis()) {
            out.add(new Log(prefix + "advertisement interval mismatch mine=" + config.advertIntervalCentis() / 100
                    + " sec rcv'd=" + advert.advertIntervalCentis() / 100 + " sec"));
            return false;
        }
        if (config.version() == 3 && advert.advertIntervalCentis() == 0) {
            out.add(new Log(prefix + "advertisement interval 0 from " + AddressText.format(advert.source())
                    + " - ignoring"));
            return false;
        }
        return true;
    }

    private boolean faulty() {
        if (noSourceAddress) {
            return true;
        }
        for (TrackerChanged t : trackers.values()) {
            if (t.fault()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- timers

    private void arm(long now, long micros) {
        sandsArmed = true;
        sandsAt = now + micros * 1000;
    }

    /** keepalived's vrrp_init_instance_sands() for BACKUP: during vrrp_startup_delay, timers run from its end. */
    private void armBackup(long now, long micros) {
        if (startupDelayRunning(now)) {
            sandsArmed = true;
            sandsAt = delayedStartAt + micros * 1000;
        } else {
            delayedStartArmed = false;
            arm(now, micros);
        }
    }

    private boolean startupDelayRunning(long now) {
        return delayedStartArmed && !due(delayedStartAt, now);
    }

    /** Deadlines compare by difference, so a clock like System.nanoTime may wrap. */
    private static boolean due(long at, long now) {
        return now - at >= 0;
    }

    private void schedule(long now, long delayNanos, int repeat, GarpReason reason) {
        if (pendingGarps.size() >= MAX_PENDING_GARPS) {
            return;
        }
        PendingGarp g = new PendingGarp(now + delayNanos, repeat, reason);
        int i = pendingGarps.size();
        while (i > 0 && pendingGarps.get(i - 1).at() - g.at() > 0) {
            i--;
        }
        pendingGarps.add(i, g);
    }

    private OptionalLong nextWakeup() {
        boolean any = false;
        long best = 0;
        if (sandsArmed && (state == VrrpState.BACKUP || state == VrrpState.MASTER)) {
            best = sandsAt;
            any = true;
        }
        if (!pendingGarps.isEmpty() && state != VrrpState.STOP) {
            long g = pendingGarps.get(0).at();
            if (!any || g - best < 0) {
                best = g;
            }
            any = true;
        }
        return any ? OptionalLong.of(best) : OptionalLong.empty();
    }
}
