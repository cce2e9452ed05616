package io.jkeepalived.daemon.track;

import io.jkeepalived.netlink.rtnl.Link;
import io.jkeepalived.netlink.rtnl.RouteNetlink;
import io.jkeepalived.netlink.rtnl.RtnlEvent;
import io.jkeepalived.netlink.rtnl.RtnlMonitor;
import io.jkeepalived.netlink.rtnl.Rtnetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code track_interface} and each instance's own interface: watches link changes (RTMGRP_LINK) on a thread of its
 * own ("vrrp-track-if") and hands each up/down change to the instances tracking that interface. An interface is up
 * as keepalived's FLAGS_UP() has it: IFF_UP and IFF_RUNNING; a deleted interface is down. keepalived logs
 * "Netlink reports eth1 down" before acting on it.
 */
public final class InterfaceTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");

    private final Map<String, List<TrackPlan.Binding>> bindings;
    private final TrackerSink sink;
    private final Map<String, Boolean> up = new HashMap<>();
    private final RtnlMonitor monitor;
    private RtnlWatchLoop loop;

    private InterfaceTracker(Map<String, List<TrackPlan.Binding>> bindings, TrackerSink sink, RtnlMonitor monitor) {
        this.bindings = bindings;
        this.sink = sink;
        this.monitor = monitor;
    }

    /**
     * Subscribes first and reads the links second, so no change falls between the two. Call in the namespace the
     * daemon runs in.
     */
    public static InterfaceTracker open(TrackPlan plan, TrackerSink sink) throws IOException {
        RtnlMonitor monitor = RtnlMonitor.open(Rtnetlink.RTMGRP_LINK);
        InterfaceTracker t = new InterfaceTracker(plan.interfaces(), sink, monitor);
        try {
            Map<String, Boolean> now = t.dump();
            t.bindings.keySet().forEach(name -> t.up.put(name, now.getOrDefault(name, false)));
        } catch (IOException | RuntimeException e) {
            monitor.close();
            throw e;
        }
        return t;
    }

    static boolean flagsUp(int flags) {
        int both = Link.IFF_UP | Link.IFF_RUNNING;
        return (flags & both) == both;
    }

    /** Each instance's starting contribution from each interface it tracks, to apply before the instances start. */
    public void initial(TrackerSink to) {
        bindings.forEach((name, users) -> {
            boolean isUp = up.get(name);
            for (TrackPlan.Binding b : users) {
                var c = contribution(name, b, isUp);
                if (c.fault()) {
                    to.log("(" + b.instance() + "): entering FAULT state (interface " + name + " down)");
                }
                to.changed(b.instance(), c);
            }
        });
    }

    public void start() {
        loop = RtnlWatchLoop.start(monitor, "vrrp-track-if", "Interface tracking", this::onEvent, this::resync);
    }

    private void onEvent(RtnlEvent e) {
        if (e instanceof RtnlEvent.LinkChange lc) {
            update(lc.link().name(), !lc.removed() && flagsUp(lc.link().flags()));
        } else if (e instanceof RtnlEvent.Malformed m) {
            LOG.debug("Netlink link notification not understood: {}", m.reason());
        }
    }

    /** Link changes were lost: read the links again. */
    private void resync() throws IOException {
        Map<String, Boolean> now = dump();
        for (String name : bindings.keySet()) {
            update(name, now.getOrDefault(name, false));
        }
    }

    private Map<String, Boolean> dump() throws IOException {
        Map<String, Boolean> now = new HashMap<>();
        try (RouteNetlink rtnl = RouteNetlink.open()) {
            for (Link l : rtnl.links()) {
                now.put(l.name(), flagsUp(l.flags()));
            }
        }
        return now;
    }

    private void update(String name, boolean nowUp) {
        List<TrackPlan.Binding> users = bindings.get(name);
        if (users == null || up.get(name) == nowUp) {
            return;
        }
        up.put(name, nowUp);
        sink.log("Netlink reports " + name + " " + (nowUp ? "up" : "down"));
        for (TrackPlan.Binding b : users) {
            sink.changed(b.instance(), contribution(name, b, nowUp));
        }
    }

    private static io.jkeepalived.vrrp.fsm.VrrpEvent.TrackerChanged contribution(String name, TrackPlan.Binding b,
                                                                                 boolean isUp) {
        return TrackerWeight.contribution(TrackPlan.interfaceTracker(name), b.tracked(),
                isUp ? TrackerStatus.UP : TrackerStatus.DOWN);
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close(); // closes the monitor
            return;
        }
        try {
            monitor.close();
        } catch (IOException e) {
            // closing at exit
        }
    }
}
