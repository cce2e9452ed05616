package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.daemon.track.RtnlWatchLoop;
import io.jkeepalived.netlink.rtnl.Address;
import io.jkeepalived.netlink.rtnl.RouteNetlink;
import io.jkeepalived.netlink.rtnl.RtnlEvent;
import io.jkeepalived.netlink.rtnl.RtnlMonitor;
import io.jkeepalived.netlink.rtnl.Rtnetlink;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Notices our VIPs being deleted by someone else (systemd-networkd or NetworkManager reapplying their
 * configuration, an operator's {@code ip addr del}): watches address changes (RTMGRP_IPV4_IFADDR /
 * RTMGRP_IPV6_IFADDR) on a thread of its own ("vrrp-addr") and reports each deleted VIP; the VRRP thread then acts
 * only if the instance is master, as keepalived's netlink reflector does. Our own deletions (leaving MASTER) are
 * announced beforehand through {@link #expectDeletion} and not reported.
 */
final class VipWatch implements AutoCloseable {

    /** One VIP of one instance, on the interface with this index. */
    record Watched(String instance, Vip vip, int ifindex) {
    }

    private final Map<String, List<Watched>> byKey = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> expected = new ConcurrentHashMap<>();
    private final Consumer<Coordination.VipGone> sink;
    private final RtnlMonitor monitor;
    private final Map<Integer, String> names;
    private RtnlWatchLoop loop;
    /** Also told every address change (the instances' advert sources); null = nobody. */
    private volatile SourceTracking sources;
    private volatile Runnable sourcesWake = () -> { };

    private VipWatch(List<Watched> vips, Map<Integer, String> names, Consumer<Coordination.VipGone> sink,
                     RtnlMonitor monitor) {
        for (Watched w : vips) {
            byKey.computeIfAbsent(key(w.ifindex(), w.vip().address()), k -> new ArrayList<>()).add(w);
        }
        this.names = names;
        this.sink = sink;
        this.monitor = monitor;
    }

    /**
     * @param names interface names by index, for the log line
     * @param sink  called on the watch thread for each VIP deleted by someone else
     */
    static VipWatch open(List<Watched> vips, Map<Integer, String> names, Consumer<Coordination.VipGone> sink)
            throws IOException {
        // links too: an interface created after the start is where an instance's adverts go once it appears
        RtnlMonitor m = RtnlMonitor.open(Rtnetlink.RTMGRP_IPV4_IFADDR | Rtnetlink.RTMGRP_IPV6_IFADDR
                | Rtnetlink.RTMGRP_LINK);
        return new VipWatch(vips, names, sink, m);
    }

    private static String key(int ifindex, InetAddress ip) {
        return ifindex + "/" + ip.getHostAddress();
    }

    /** Called just before we delete the address ourselves: its deletion event is ours. */
    void expectDeletion(Address a) {
        expected.computeIfAbsent(key(a.index(), a.ip()), k -> new AtomicInteger()).incrementAndGet();
    }

    /** Our deletion failed (no event will come). */
    void deletionFailed(Address a) {
        AtomicInteger n = expected.get(key(a.index(), a.ip()));
        if (n != null) {
            n.updateAndGet(v -> Math.max(0, v - 1));
        }
    }

    /** Hands every address change (and every resync's dump) to {@code t} as well, then calls {@code wake}. */
    void feed(SourceTracking t, Runnable wake) {
        this.sourcesWake = wake;
        this.sources = t;
    }

    void start() {
        loop = RtnlWatchLoop.start(monitor, "vrrp-addr", "VIP watch", this::onEvent, this::resync);
    }

    private void onEvent(RtnlEvent e) {
        if (e instanceof RtnlEvent.LinkChange lc) {
            SourceTracking t = sources;
            if (t != null) {
                t.linkChanged(lc);
                sourcesWake.run();
            }
        } else if (e instanceof RtnlEvent.AddressChange ac) {
            SourceTracking t = sources;
            if (t != null) {
                t.changed(ac);
                sourcesWake.run();
            }
            if (ac.removed()) {
                removed(ac.address().index(), ac.address().ip());
            }
        }
    }

    /** Package-private for tests: one RTM_DELADDR. */
    void removed(int ifindex, InetAddress ip) {
        String k = key(ifindex, ip);
        List<Watched> ws = byKey.get(k);
        if (ws == null) {
            return;
        }
        AtomicInteger n = expected.get(k);
        if (n != null && n.getAndUpdate(v -> Math.max(0, v - 1)) > 0) {
            return; // ours
        }
        for (Watched w : ws) {
            sink.accept(new Coordination.VipGone(w.instance(), w.vip().text(),
                    names.getOrDefault(ifindex, w.vip().dev())));
        }
    }

    /** Events were lost: report every VIP that is absent now (the VRRP thread ignores those of non-masters). */
    private void resync() throws IOException {
        expected.clear();
        try (RouteNetlink rtnl = RouteNetlink.open()) {
            Set<String> present = new HashSet<>();
            List<Address> dump = rtnl.addresses(Rtnetlink.AF_UNSPEC);
            for (Address a : dump) {
                present.add(key(a.index(), a.ip()));
            }
            SourceTracking t = sources;
            if (t != null) {
                t.resynced(dump, rtnl.links());
                sourcesWake.run();
            }
            for (Map.Entry<String, List<Watched>> e : byKey.entrySet()) {
                if (!present.contains(e.getKey())) {
                    Watched w = e.getValue().get(0);
                    removed(w.ifindex(), w.vip().address());
                }
            }
        }
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
