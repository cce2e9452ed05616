package io.jkeepalived.daemon.ops;

import io.jkeepalived.daemon.track.RtnlWatchLoop;
import io.jkeepalived.netlink.rtnl.Address;
import io.jkeepalived.netlink.rtnl.Link;
import io.jkeepalived.netlink.rtnl.RouteNetlink;
import io.jkeepalived.netlink.rtnl.RtnlEvent;
import io.jkeepalived.netlink.rtnl.RtnlMonitor;
import io.jkeepalived.netlink.rtnl.Rtnetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * keepalived's {@code -a/--address-monitoring}: every address added to or removed from an interface is logged, the
 * ones present at start included (keepalived's first dump goes through the same reflector). The VRRP process's line
 * names the interface and leaves out the changes it made itself; the checker process's line has no interface and
 * reports every change (the VIPs the VRRP process sets too). jkeepalived writes the lines of the subsystems that run,
 * under their loggers ({@code Keepalived_vrrp} / {@code Keepalived_healthcheckers} in syslog), from a thread of its
 * own ("addr-monitor", an {@link RtnlWatchLoop}).
 */
public final class AddressMonitor implements AutoCloseable {
    private static final Logger VRRP = LoggerFactory.getLogger("jkeepalived.vrrp.addresses");
    private static final Logger CHECK = LoggerFactory.getLogger("jkeepalived.check.addresses");

    private final boolean vrrpLines;
    private final boolean checkerLines;
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final OwnNetlinkPorts ours = OwnNetlinkPorts.ofThisProcess();
    private RtnlWatchLoop loop;

    private AddressMonitor(boolean vrrpLines, boolean checkerLines) {
        this.vrrpLines = vrrpLines;
        this.checkerLines = checkerLines;
    }

    /**
     * Subscribes, logs the addresses present now, then follows the changes until {@link #close}.
     *
     * @param vrrpLines    the VRRP subsystem runs: its lines
     * @param checkerLines the Healthcheck subsystem runs: its lines
     */
    public static AddressMonitor start(boolean vrrpLines, boolean checkerLines) throws IOException {
        // subscribe first, then dump: a change in between is reported twice rather than never, as keepalived does
        RtnlMonitor m = RtnlMonitor.open(Rtnetlink.RTMGRP_LINK | Rtnetlink.RTMGRP_IPV4_IFADDR | Rtnetlink.RTMGRP_IPV6_IFADDR);
        AddressMonitor a = new AddressMonitor(vrrpLines, checkerLines);
        try (RouteNetlink rtnl = RouteNetlink.open()) {
            for (Link l : rtnl.links()) {
                a.names.put(l.index(), l.name());
            }
            for (Address ad : rtnl.addresses(Rtnetlink.AF_UNSPEC)) {
                a.log(ad, true, false);
            }
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
        // lost changes (ENOBUFS) are not re-read: keepalived carries on with the next ones too
        a.loop = RtnlWatchLoop.start(m, "addr-monitor", "Address monitor", a::handle,
                () -> VRRP.warn("Address monitor: netlink receive failed: ENOBUFS, changes were lost"));
        return a;
    }

    private void handle(RtnlEvent e) {
        // a notification we cannot read (RtnlEvent.Malformed) has nothing to report
        if (e instanceof RtnlEvent.LinkChange lc) {
            if (lc.removed()) {
                names.remove(lc.link().index());
            } else {
                names.put(lc.link().index(), lc.link().name());
            }
        } else if (e instanceof RtnlEvent.AddressChange ac) {
            log(ac.address(), !ac.removed(), ours.contains(ac.senderPort()));
        }
    }

    private void log(Address a, boolean added, boolean ourOwn) {
        if (a.family() != Rtnetlink.AF_INET && a.family() != Rtnetlink.AF_INET6) {
            return;
        }
        String name = names.get(a.index());
        if (vrrpLines && name != null && !ourOwn) {
            VRRP.info(AddressLines.vrrp(a.ip(), added, name));
        }
        if (checkerLines) {
            CHECK.info(AddressLines.checker(a.ip(), added));
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
