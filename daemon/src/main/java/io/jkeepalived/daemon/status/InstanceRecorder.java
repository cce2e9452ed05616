package io.jkeepalived.daemon.status;

import io.jkeepalived.vrrp.fsm.VrrpAction;
import io.jkeepalived.vrrp.fsm.VrrpEvent;
import io.jkeepalived.vrrp.fsm.VrrpState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the state machine's actions tell about one instance that the machine itself does not keep: adverts sent,
 * master transitions, when the last transition happened, whether the VIPs are set, the trackers' last reports.
 * Fed by the VRRP thread only (not thread safe); {@link InstanceStatus} is the copy other threads see.
 */
public final class InstanceRecorder {
    private final LongSupplier wallMicros;
    private long advertsSent;
    private long priorityZeroSent;
    private long becameMaster;
    private long releasedMaster;
    private long lastTransitionMicros;
    private boolean vipSet;
    private final Map<String, TrackerStatus> trackers = new LinkedHashMap<>();

    /** @param wallMicros wall-clock microseconds, {@link WallClock#micros()} in the daemon */
    public InstanceRecorder(LongSupplier wallMicros) {
        this.wallMicros = wallMicros;
    }

    /** Counts one action the engine carries out. */
    public void observe(VrrpAction action) {
        if (action instanceof VrrpAction.SendAdvert s) {
            advertsSent++;
            if (s.priority() == 0) {
                priorityZeroSent++;
            }
        } else if (action instanceof VrrpAction.StateChanged c) {
            lastTransitionMicros = wallMicros.getAsLong();
            if (c.to() == VrrpState.MASTER && c.from() != VrrpState.MASTER) {
                becameMaster++;
            } else if (c.from() == VrrpState.MASTER && c.to() != VrrpState.MASTER) {
                releasedMaster++;
            }
        } else if (action instanceof VrrpAction.AddVips) {
            vipSet = true;
        } else if (action instanceof VrrpAction.RemoveVips) {
            vipSet = false;
        }
    }

    /** Remembers a tracker's report (the one the state machine was given). */
    public void tracker(VrrpEvent.TrackerChanged change) {
        trackers.put(change.tracker(), new TrackerStatus(change.tracker(), change.weight(), change.fault()));
    }

    public long advertsSent() {
        return advertsSent;
    }

    public long priorityZeroSent() {
        return priorityZeroSent;
    }

    public long becameMaster() {
        return becameMaster;
    }

    public long releasedMaster() {
        return releasedMaster;
    }

    /** 0 before the first transition. */
    public long lastTransitionMicros() {
        return lastTransitionMicros;
    }

    public boolean vipSet() {
        return vipSet;
    }

    public List<TrackerStatus> trackers() {
        return new ArrayList<>(trackers.values());
    }
}
