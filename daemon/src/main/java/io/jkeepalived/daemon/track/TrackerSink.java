package io.jkeepalived.daemon.track;

import io.jkeepalived.vrrp.fsm.VrrpEvent;

/**
 * Where trackers hand their news: called on the tracker's own thread, so an implementation only queues it for the
 * thread that owns the state machines.
 */
@FunctionalInterface
public interface TrackerSink {
    void changed(String instance, VrrpEvent.TrackerChanged change);
}
