package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.vrrp.fsm.VrrpEvent;

/**
 * A tracker's contribution to one instance, as keepalived's incremental bookkeeping (vrrp_track.c: the
 * initialise_*_tracking_priorities() start values, then {@code ±|weight| × multiplier} on each change) works out:
 * a positive weight is added while the object is up, a negative one while it is down, {@code reverse} flips the
 * sign; weight 0 means FAULT while down (while up, with {@code reverse}). A script that has not reported yet adds
 * nothing, and with weight 0 holds the instance in FAULT (keepalived's num_script_init) until it reports.
 */
public final class TrackerWeight {
    private TrackerWeight() {
    }

    public static VrrpEvent.TrackerChanged contribution(String tracker, Tracked tracked, TrackerStatus status) {
        int multiplier = tracked.reverse() ? -1 : 1;
        int weight = tracked.weight();
        if (weight == 0) {
            boolean fault = status == TrackerStatus.INIT || (status == TrackerStatus.UP) != (multiplier == 1);
            return new VrrpEvent.TrackerChanged(tracker, 0, fault);
        }
        int w = switch (status) {
            case INIT -> 0;
            case UP -> weight > 0 ? weight : 0;
            case DOWN -> weight < 0 ? weight : 0;
        };
        return new VrrpEvent.TrackerChanged(tracker, w * multiplier, false);
    }
}
