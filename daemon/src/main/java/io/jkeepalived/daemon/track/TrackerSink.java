package io.jkeepalived.daemon.track;

import io.jkeepalived.vrrp.fsm.VrrpEvent;
import org.slf4j.LoggerFactory;

/**
 * Where trackers hand their news: called on the tracker's own thread, so an implementation only queues it for the
 * thread that owns the state machines. Log lines come through here too, so that they are written in order with
 * what they cause ("VRRP_Script(chk) failed" before "(VI_1) Entering FAULT STATE"), as keepalived's single thread
 * writes them.
 */
@FunctionalInterface
public interface TrackerSink {
    void changed(String instance, VrrpEvent.TrackerChanged change);

    /** A keepalived log line about a tracker; by default written at once. */
    default void log(String line) {
        LoggerFactory.getLogger("jkeepalived.vrrp").info(line);
    }
}
