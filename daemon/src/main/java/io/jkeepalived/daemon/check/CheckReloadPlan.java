package io.jkeepalived.daemon.check;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.CheckConfig;
import io.jkeepalived.healthcheck.CheckerReload;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;
import io.jkeepalived.ipvs.reconcile.GroupReload;
import io.jkeepalived.ipvs.reconcile.IpvsChange;
import io.jkeepalived.ipvs.reconcile.IpvsDiff;
import io.jkeepalived.ipvs.reconcile.IpvsTable;
import io.jkeepalived.ipvs.reconcile.LvsPlanner;
import io.jkeepalived.ipvs.reconcile.LvsReconciler;
import io.jkeepalived.ipvs.reconcile.RealServerPlan;
import io.jkeepalived.ipvs.reconcile.VirtualServerPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a reload changes on the checker side, as lines for the log and for {@code reload --dry-run}. Pure.
 *
 * <p>First the configuration's changes in keepalived's order (clear_diff_services: each old virtual server removed
 * or kept and diffed, then the new ones): virtual servers removed, added, edited in place (scheduler, flags,
 * persistence); real servers removed, added, changed (weight, forwarding, thresholds, inhibit); checkers added or
 * removed on a real server that stays (a checker that stays keeps its state). Then the IPVS requests the reload
 * sends, computed as if every real server were in its initial state ({@code alpha}: down, else up): the table of
 * the running configuration after a fresh start, moved by the reconciler's reload to the new one
 * ({@link LvsReconciler#reload}) and diffed ({@link IpvsDiff}). At run time the real servers' actual state decides.
 */
public final class CheckReloadPlan {
    private CheckReloadPlan() {
    }

    public static List<String> lines(KeepalivedConfig running, KeepalivedConfig next) {
        List<VirtualServerPlan> a = plans(running);
        List<VirtualServerPlan> b = plans(next);
        List<String> out = new ArrayList<>();
        Map<String, VirtualServerPlan> byIdentity = new LinkedHashMap<>();
        b.forEach(p -> byIdentity.putIfAbsent(p.identity(), p));
        Set<String> old = new LinkedHashSet<>();
        List<String> intoGroups = new ArrayList<>();
        for (VirtualServerPlan p : a) {
            old.add(p.identity());
            VirtualServerPlan n = byIdentity.get(p.identity());
            if (n == null) {
                out.add("Removing Virtual Server " + p.name());
                continue;
            }
            // keepalived's clear_diff_vsg, then (once the services are set up) sync_service_vsg for the entries added
            out.addAll(GroupReload.removed(p, groups(running), groups(next)));
            intoGroups.addAll(GroupReload.added(n, groups(running), groups(next)));
            String edit = serviceChange(p, n);
            if (edit != null) {
                out.add("Editing Virtual Server " + p.name() + ": " + edit);
            }
            realServers(p, n, out);
        }
        out.addAll(intoGroups);
        for (VirtualServerPlan n : b) {
            if (!old.contains(n.identity())) {
                out.add("Adding Virtual Server " + n.name() + " with " + n.realServers().size() + " real server"
                        + (n.realServers().size() == 1 ? "" : "s"));
            }
        }
        LvsReconciler r = LvsReconciler.start(a);
        IpvsTable before = r.desired();
        r.reload(b);
        IpvsTable after = r.desired();
        Set<IpvsServiceKey> owned = new LinkedHashSet<>(before.keys());
        owned.addAll(after.keys());
        for (IpvsChange c : IpvsDiff.diff(before, after, owned)) {
            out.add("IPVS: " + c);
        }
        return out;
    }

    /**
     * The lines keepalived writes as they are (no "Reload: " prefix) for the group entries a reload removes or adds,
     * so that log readers matching keepalived's lines find them.
     */
    static Set<String> keepalivedLines(KeepalivedConfig running, KeepalivedConfig next) {
        Map<String, VirtualServerPlan> byIdentity = new LinkedHashMap<>();
        plans(next).forEach(p -> byIdentity.putIfAbsent(p.identity(), p));
        Set<String> out = new LinkedHashSet<>();
        for (VirtualServerPlan p : plans(running)) {
            VirtualServerPlan n = byIdentity.get(p.identity());
            if (n != null) {
                out.addAll(GroupReload.removed(p, groups(running), groups(next)));
                out.addAll(GroupReload.added(n, groups(running), groups(next)));
            }
        }
        return out;
    }

    private static List<io.jkeepalived.conf.model.check.VirtualServerGroup> groups(KeepalivedConfig c) {
        return c == null || c.check() == null ? List.of() : c.check().virtualServerGroups();
    }

    private static List<VirtualServerPlan> plans(KeepalivedConfig c) {
        CheckConfig check = c == null ? null : c.check();
        return check == null ? List.of() : LvsPlanner.plan(check, p -> { });
    }

    /** keepalived's test for IP_VS_SO_SET_EDIT: scheduler, flags, persistence engine, granularity, timeout. */
    private static String serviceChange(VirtualServerPlan a, VirtualServerPlan b) {
        if (a.services().isEmpty() || b.services().isEmpty()) {
            return null;
        }
        IpvsService x = a.services().get(0);
        IpvsService y = b.services().get(0);
        List<String> what = new ArrayList<>();
        if (!Objects.equals(x.scheduler(), y.scheduler())) {
            what.add("scheduler " + x.scheduler() + " -> " + y.scheduler());
        }
        if (!Objects.equals(x.flags(), y.flags())) {
            what.add("flags " + x.flags() + " -> " + y.flags());
        }
        if (x.timeout() != y.timeout() || x.netmask() != y.netmask() || !Objects.equals(x.peName(), y.peName())) {
            what.add("persistence " + x.timeout() + "s/" + x.netmask() + " -> " + y.timeout() + "s/" + y.netmask());
        }
        return what.isEmpty() ? null : String.join(", ", what);
    }

    private static void realServers(VirtualServerPlan a, VirtualServerPlan b, List<String> out) {
        for (RealServerPlan rs : a.realServers()) {
            if (find(b.realServers(), rs) == null) {
                out.add("Removing service " + rs.name() + " from VS " + a.name());
            }
        }
        for (RealServerPlan rs : b.realServers()) {
            RealServerPlan was = find(a.realServers(), rs);
            if (was == null) {
                out.add("Adding service " + rs.name() + " to VS " + b.name() + (rs.alpha() ? " (down until checked: alpha)" : ""));
                continue;
            }
            List<String> what = new ArrayList<>();
            if (was.weight() != rs.weight()) {
                what.add("weight " + was.weight() + " -> " + rs.weight());
            }
            if (was.forwarding() != rs.forwarding() || was.tunnelType() != rs.tunnelType() || was.tunnelPort() != rs.tunnelPort()
                    || was.tunnelChecksum() != rs.tunnelChecksum()) {
                what.add("forwarding " + was.forwarding() + " -> " + rs.forwarding());
            }
            if (was.upperThreshold() != rs.upperThreshold() || was.lowerThreshold() != rs.lowerThreshold()) {
                what.add("thresholds " + was.upperThreshold() + "/" + was.lowerThreshold() + " -> " + rs.upperThreshold() + "/"
                        + rs.lowerThreshold());
            }
            if (was.inhibit() != rs.inhibit()) {
                what.add("inhibit_on_failure " + (rs.inhibit() ? "on" : "off"));
            }
            if (!what.isEmpty()) {
                out.add("Changing service " + rs.name() + " of VS " + b.name() + ": " + String.join(", ", what));
            }
            if (was.source() != null && rs.source() != null) {
                out.addAll(CheckerReload.checkerChanges(rs.name(), b.name(), was.source().checkers(), rs.source().checkers()));
            }
        }
        RealServerPlan sa = a.sorryServer();
        RealServerPlan sb = b.sorryServer();
        if (sa != null && (sb == null || !sa.address().equals(sb.address()) || sa.port() != sb.port())) {
            out.add("Removing sorry server " + sa.name() + " from VS " + a.name());
        }
        if (sb != null && (sa == null || !sa.address().equals(sb.address()) || sa.port() != sb.port())) {
            out.add("Setting sorry server " + sb.name() + " of VS " + b.name());
        }
    }

    private static RealServerPlan find(List<RealServerPlan> list, RealServerPlan rs) {
        for (RealServerPlan r : list) {
            if (r.address().equals(rs.address()) && r.port() == rs.port()) {
                return r;
            }
        }
        return null;
    }
}
