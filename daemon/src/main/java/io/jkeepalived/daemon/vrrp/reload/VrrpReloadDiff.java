package io.jkeepalived.daemon.vrrp.reload;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.conf.model.vrrp.IpAddress;
import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What a SIGHUP reload changes on the VRRP side, worked out from the running and the new configuration only
 * (pure: no sockets, no interfaces), so that {@code jkeepalived reload --dry-run} prints exactly what the daemon
 * logs and applies. Instances are matched by name, as keepalived 2.2.7's vrrp_exist() does:
 * <ul>
 * <li>{@link Kind#UNCHANGED}: the same settings; state, timers, sockets and VIPs are left alone;</li>
 * <li>{@link Kind#CHANGED}: keeps its state and takes the new priority, advert_int, VIPs, routes, trackers,
 *     notify and GARP settings (keepalived's clear_diff_vrrp_vip / restore_vrrp_state);</li>
 * <li>{@link Kind#RECREATED}: what identifies it on the wire or its sockets changed (interface, VRID, address
 *     family, version, authentication, unicast addressing, VMAC); it leaves as a removed instance and starts
 *     again as an added one;</li>
 * <li>{@link Kind#ADDED} / {@link Kind#REMOVED}: start in the initial state / leave cleanly (priority 0 when
 *     master, VIPs removed).</li>
 * </ul>
 */
public final class VrrpReloadDiff {

    /** What a reload does to one instance. */
    public enum Kind { UNCHANGED, CHANGED, RECREATED, ADDED, REMOVED }

    /**
     * One instance's change.
     *
     * @param trackingChanged its own track_* lists (or a sync group's tracking applied to it) changed
     * @param routingChanged  its virtual_routes or virtual_rules changed
     */
    public record InstanceDiff(String name, Kind kind, List<String> lines, List<IpAddress> vipsAdded,
                               List<IpAddress> vipsRemoved, boolean trackingChanged, boolean routingChanged) {
        public InstanceDiff {
            lines = List.copyOf(lines);
            vipsAdded = List.copyOf(vipsAdded);
            vipsRemoved = List.copyOf(vipsRemoved);
        }
    }

    private final Map<String, InstanceDiff> instances;
    private final List<String> globalLines;
    private final boolean trackerDefinitionsChanged;
    private final boolean syncGroupsChanged;

    private VrrpReloadDiff(Map<String, InstanceDiff> instances, List<String> globalLines,
                           boolean trackerDefinitionsChanged, boolean syncGroupsChanged) {
        this.instances = instances;
        this.globalLines = List.copyOf(globalLines);
        this.trackerDefinitionsChanged = trackerDefinitionsChanged;
        this.syncGroupsChanged = syncGroupsChanged;
    }

    /** The VRRP side of a reload from {@code running} to {@code next}. */
    public static VrrpReloadDiff of(KeepalivedConfig running, KeepalivedConfig next) {
        VrrpConfig a = running.vrrp();
        VrrpConfig b = next.vrrp();
        Map<String, VrrpInstance> old = byName(a.instances(), VrrpInstance::name);
        Map<String, VrrpInstance> now = byName(b.instances(), VrrpInstance::name);
        Map<String, InstanceDiff> diffs = new LinkedHashMap<>();
        boolean mcastChanged = !Objects.equals(running.global().vrrp().mcastGroup4(), next.global().vrrp().mcastGroup4())
                || !Objects.equals(running.global().vrrp().mcastGroup6(), next.global().vrrp().mcastGroup6());
        for (VrrpInstance o : a.instances()) {
            if (!now.containsKey(o.name())) {
                diffs.put(o.name(), new InstanceDiff(o.name(), Kind.REMOVED,
                        List.of("VRRP instance " + o.name() + " removed" + (o.virtualIpAddresses().isEmpty() ? ""
                                : " (its VIPs are released: " + vipList(o.virtualIpAddresses()) + ")")),
                        List.of(), o.virtualIpAddresses(), true, true));
            }
        }
        for (VrrpInstance n : b.instances()) {
            VrrpInstance o = old.get(n.name());
            if (o == null) {
                diffs.put(n.name(), new InstanceDiff(n.name(), Kind.ADDED,
                        List.of("VRRP instance " + n.name() + " added (interface " + n.interfaceName() + ", VRID "
                                + n.virtualRouterId() + ", priority " + n.priority() + ", starts in "
                                + n.state() + (n.virtualIpAddresses().isEmpty() ? ""
                                : ", VIPs " + vipList(n.virtualIpAddresses())) + ")"),
                        n.virtualIpAddresses(), List.of(), true, true));
            } else {
                diffs.put(n.name(), compare(o, n, mcastChanged));
            }
        }
        List<String> global = new ArrayList<>();
        boolean trackers = false;
        trackers |= named(global, "vrrp_script", a.scripts(), b.scripts(), s -> s.name());
        trackers |= named(global, "vrrp_track_file", a.trackFiles(), b.trackFiles(), f -> f.name());
        trackers |= named(global, "vrrp_track_process", a.trackProcesses(), b.trackProcesses(), p -> p.name());
        boolean groups = named(global, "vrrp_sync_group", a.syncGroups(), b.syncGroups(), g -> g.name());
        named(global, "garp_group", a.garpGroups(), b.garpGroups(), g -> String.join(",", g.interfaces()));
        if (!a.staticAddresses().equals(b.staticAddresses()) || !a.staticRoutes().equals(b.staticRoutes())
                || !a.staticRules().equals(b.staticRules())) {
            global.add("static_ipaddress/static_routes/static_rules changed: applied at the next restart only");
        }
        return new VrrpReloadDiff(diffs, global, trackers, groups);
    }

    private static InstanceDiff compare(VrrpInstance o, VrrpInstance n, boolean mcastChanged) {
        String p = "VRRP instance " + n.name() + ": ";
        List<String> recreate = new ArrayList<>();
        field(recreate, "interface", o.interfaceName(), n.interfaceName());
        field(recreate, "vrf", o.vrf(), n.vrf());
        field(recreate, "virtual_router_id", o.virtualRouterId(), n.virtualRouterId());
        field(recreate, "address family", o.ipv6() ? "IPv6" : "IPv4", n.ipv6() ? "IPv6" : "IPv4");
        field(recreate, "version", o.version(), n.version());
        field(recreate, "auth_type", o.authType(), n.authType());
        if (!Objects.equals(o.authPass(), n.authPass())) {
            recreate.add("auth_pass changed");
        }
        if (!o.addressing().equals(n.addressing())) {
            recreate.add("unicast/source addressing changed");
        }
        if (!o.vmac().equals(n.vmac())) {
            recreate.add("use_vmac settings changed");
        }
        if (mcastChanged && n.unicastPeers().isEmpty()) {
            recreate.add("vrrp_mcast_group changed");
        }
        List<IpAddress> added = new ArrayList<>();
        List<IpAddress> removed = new ArrayList<>();
        addressDiff(o.virtualIpAddresses(), n.virtualIpAddresses(), added, removed);
        addressDiff(o.excludedIpAddresses(), n.excludedIpAddresses(), added, removed);
        boolean tracking = !o.tracking().equals(n.tracking());
        boolean routing = !o.virtualRoutes().equals(n.virtualRoutes()) || !o.virtualRules().equals(n.virtualRules());
        if (!recreate.isEmpty()) {
            List<String> lines = new ArrayList<>();
            lines.add("VRRP instance " + n.name() + " re-created (" + String.join(", ", recreate)
                    + "): it leaves as if removed and starts again in " + n.state());
            return new InstanceDiff(n.name(), Kind.RECREATED, lines, n.virtualIpAddresses(), o.virtualIpAddresses(),
                    true, true);
        }
        List<String> lines = new ArrayList<>();
        field(lines, "priority", o.priority(), n.priority());
        if (o.advertIntervalMicros() != n.advertIntervalMicros()) {
            lines.add("advert_int " + seconds(o.advertIntervalMicros()) + " -> " + seconds(n.advertIntervalMicros()));
        }
        field(lines, "state", o.state(), n.state());
        field(lines, "nopreempt", o.nopreempt(), n.nopreempt());
        if (o.preemptDelayMicros() != n.preemptDelayMicros()) {
            lines.add("preempt_delay " + seconds(o.preemptDelayMicros()) + " -> " + seconds(n.preemptDelayMicros()));
        }
        for (IpAddress v : added) {
            lines.add("VIP " + vip(v) + " added");
        }
        for (IpAddress v : removed) {
            lines.add("VIP " + vip(v) + " removed");
        }
        listDiff(lines, "virtual_routes", o.virtualRoutes(), n.virtualRoutes());
        listDiff(lines, "virtual_rules", o.virtualRules(), n.virtualRules());
        trackedDiff(lines, "track_interface", o.tracking().interfaces(), n.tracking().interfaces());
        trackedDiff(lines, "track_script", o.tracking().scripts(), n.tracking().scripts());
        trackedDiff(lines, "track_file", o.tracking().files(), n.tracking().files());
        trackedDiff(lines, "track_process", o.tracking().processes(), n.tracking().processes());
        if (o.tracking().dontTrackPrimary() != n.tracking().dontTrackPrimary()) {
            lines.add("dont_track_primary " + o.tracking().dontTrackPrimary() + " -> " + n.tracking().dontTrackPrimary());
        }
        if (!o.notifications().equals(n.notifications())) {
            lines.add("notify settings changed");
        }
        if (!o.garp().equals(n.garp())) {
            lines.add("garp settings changed");
        }
        if (!o.options().equals(n.options())) {
            lines.add("instance options changed");
        }
        if (lines.isEmpty() && !o.equals(n)) {
            lines.add("settings changed");
        }
        if (lines.isEmpty()) {
            return new InstanceDiff(n.name(), Kind.UNCHANGED, List.of(), List.of(), List.of(), false, false);
        }
        List<String> prefixed = lines.stream().map(l -> p + l).toList();
        return new InstanceDiff(n.name(), Kind.CHANGED, prefixed, added, removed, tracking, routing);
    }

    /** Every change, one line each; "no change" lines are not written. Removed instances first, as applied. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (InstanceDiff d : instances.values()) {
            out.addAll(d.lines());
        }
        out.addAll(globalLines);
        return out;
    }

    /** Each instance of either configuration, removed ones first, then in the new configuration's order. */
    public Map<String, InstanceDiff> instances() {
        return instances;
    }

    public InstanceDiff instance(String name) {
        return instances.get(name);
    }

    /** Whether nothing changes at all (the instances run on as they are). */
    public boolean isEmpty() {
        return lines().isEmpty();
    }

    /** A vrrp_script, vrrp_track_file or vrrp_track_process definition was added, removed or changed. */
    public boolean trackerDefinitionsChanged() {
        return trackerDefinitionsChanged;
    }

    public boolean syncGroupsChanged() {
        return syncGroupsChanged;
    }

    // ------------------------------------------------------------------ helpers

    private static <T> Map<String, T> byName(List<T> list, Function<T, String> name) {
        Map<String, T> m = new LinkedHashMap<>();
        for (T t : list) {
            m.putIfAbsent(name.apply(t), t);
        }
        return m;
    }

    /** Definitions matched by name: one line per one added, removed or changed; true if any. */
    private static <T> boolean named(List<String> out, String what, List<T> a, List<T> b, Function<T, String> name) {
        Map<String, T> old = byName(a, name);
        Map<String, T> now = byName(b, name);
        boolean any = false;
        for (String k : old.keySet()) {
            if (!now.containsKey(k)) {
                out.add(what + " " + k + " removed");
                any = true;
            }
        }
        for (Map.Entry<String, T> e : now.entrySet()) {
            T o = old.get(e.getKey());
            if (o == null) {
                out.add(what + " " + e.getKey() + " added");
                any = true;
            } else if (!o.equals(e.getValue())) {
                out.add(what + " " + e.getKey() + " changed");
                any = true;
            }
        }
        return any;
    }

    private static void field(List<String> out, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(name + " " + a + " -> " + b);
        }
    }

    private static void addressDiff(List<IpAddress> a, List<IpAddress> b, List<IpAddress> added,
                                    List<IpAddress> removed) {
        Set<IpAddress> old = new LinkedHashSet<>(a);
        Set<IpAddress> now = new LinkedHashSet<>(b);
        for (IpAddress v : b) {
            if (!old.contains(v)) {
                added.add(v);
            }
        }
        for (IpAddress v : a) {
            if (!now.contains(v)) {
                removed.add(v);
            }
        }
    }

    private static void listDiff(List<String> out, String what, List<List<String>> a, List<List<String>> b) {
        for (List<String> l : b) {
            if (!a.contains(l)) {
                out.add(what + " entry '" + String.join(" ", l) + "' added");
            }
        }
        for (List<String> l : a) {
            if (!b.contains(l)) {
                out.add(what + " entry '" + String.join(" ", l) + "' removed");
            }
        }
    }

    private static void trackedDiff(List<String> out, String what, List<Tracked> a, List<Tracked> b) {
        for (Tracked t : b) {
            if (!a.contains(t)) {
                out.add(what + " " + t.name() + (t.weight() != 0 ? " weight " + t.weight() : "")
                        + (a.stream().anyMatch(x -> x.name().equals(t.name())) ? " changed" : " added"));
            }
        }
        for (Tracked t : a) {
            if (b.stream().noneMatch(x -> x.name().equals(t.name()))) {
                out.add(what + " " + t.name() + " removed");
            }
        }
    }

    static String vip(IpAddress v) {
        return v.address() + "/" + v.prefix() + (v.dev() != null ? " dev " + v.dev() : "");
    }

    private static String vipList(List<IpAddress> vips) {
        return String.join(", ", vips.stream().map(VrrpReloadDiff::vip).toList());
    }

    private static String seconds(long micros) {
        return micros % 1_000_000 == 0 ? micros / 1_000_000 + " s" : micros / 1_000.0 + " ms";
    }
}
