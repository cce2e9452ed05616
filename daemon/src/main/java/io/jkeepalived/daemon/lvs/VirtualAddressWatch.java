package io.jkeepalived.daemon.lvs;

import io.jkeepalived.daemon.track.RtnlWatchLoop;
import io.jkeepalived.netlink.rtnl.Address;
import io.jkeepalived.netlink.rtnl.RouteNetlink;
import io.jkeepalived.netlink.rtnl.RtnlEvent;
import io.jkeepalived.netlink.rtnl.RtnlMonitor;
import io.jkeepalived.netlink.rtnl.Rtnetlink;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code ha_suspend} at run time: follows the virtual servers' addresses through rtnetlink address events
 * (RTMGRP_IPV4_IFADDR / RTMGRP_IPV6_IFADDR) on a thread of its own ("lvs-addr"), as keepalived's checker process
 * follows them through its netlink reflector, and reports each virtual server whose address appeared (its checkers
 * resume) or went from the last interface (they are suspended). The state at start comes from a dump taken after
 * the subscription, so no change falls between the two; lost events (ENOBUFS) are repaired from a fresh dump.
 */
public final class VirtualAddressWatch implements AutoCloseable {
    /** Virtual server {@code vs} (index in the plans) is to be suspended or resumed. */
    public record Change(int vs, boolean suspended) {
    }

    private final SuspendAddresses addresses;   // the watch thread only, after open
    private final Consumer<Change> sink;
    private final RtnlMonitor monitor;
    private RtnlWatchLoop loop;

    private VirtualAddressWatch(SuspendAddresses addresses, Consumer<Change> sink, RtnlMonitor monitor) {
        this.addresses = addresses;
        this.sink = sink;
        this.monitor = monitor;
    }

    /**
     * Subscribes and reads the addresses configured now; nothing is reported until {@link #start}. Returns null when
     * no virtual server uses {@code ha_suspend} (no subscription then, as keepalived opens none).
     *
     * @param perServer per virtual server, the address whose absence suspends it, or null
     * @param sink      called on the watch thread for every change after {@link #start}
     */
    public static VirtualAddressWatch open(List<InetAddress> perServer, Consumer<Change> sink) throws IOException {
        SuspendAddresses a = new SuspendAddresses(perServer);
        if (a.isEmpty()) {
            return null;
        }
        RtnlMonitor m = RtnlMonitor.open(Rtnetlink.RTMGRP_IPV4_IFADDR | Rtnetlink.RTMGRP_IPV6_IFADDR);
        try {
            a.resync(dump());
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
        return new VirtualAddressWatch(a, sink, m);
    }

    /** Whether virtual server {@code vs} starts suspended (its address is not configured now). */
    public boolean suspended(int vs) {
        return addresses.suspended(vs);
    }

    public void start() {
        loop = RtnlWatchLoop.start(monitor, "lvs-addr", "ha_suspend address watch", this::onEvent, this::resync);
    }

    private void onEvent(RtnlEvent e) {
        if (e instanceof RtnlEvent.AddressChange ac) {
            Address a = ac.address();
            List<SuspendAddresses.Change> changes = ac.removed() ? addresses.removed(a.index(), a.ip())
                    : addresses.added(a.index(), a.ip());
            report(changes);
        }
    }

    private void resync() throws IOException {
        report(addresses.resync(dump()));
    }

    private void report(List<SuspendAddresses.Change> changes) {
        for (SuspendAddresses.Change c : changes) {
            sink.accept(new Change(c.vs(), c.suspended()));
        }
    }

    private static Map<InetAddress, Set<Integer>> dump() throws IOException {
        Map<InetAddress, Set<Integer>> now = new HashMap<>();
        try (RouteNetlink rtnl = RouteNetlink.open()) {
            for (Address a : rtnl.addresses(Rtnetlink.AF_UNSPEC)) {
                now.computeIfAbsent(a.ip(), k -> new HashSet<>()).add(a.index());
            }
        }
        return now;
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        } else {
            try {
                monitor.close();
            } catch (IOException e) {
                // closing at exit
            }
        }
    }
}
