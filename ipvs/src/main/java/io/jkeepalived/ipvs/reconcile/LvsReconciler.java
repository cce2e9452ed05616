package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.conf.script.NotifyScript;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * keepalived's ipwrapper.c as state and a wanted table, pure: which real servers are alive and at what weight, each
 * virtual server's quorum (with hysteresis) and whether its sorry server stands in. Events come in ({@link #start},
 * {@link #verdict}, {@link #reconfigure}, {@link #stop}); {@link #desired()} is the table keepalived's commands would
 * have left, and {@link #drainNotices()} the log lines and scripts ({@code quorum_up}/{@code quorum_down}, and at a
 * stop with {@code omega} the real servers' {@code notify_down}) the events caused.
 *
 * <p>What the table holds, as keepalived's sequence of commands leaves it:
 * <ul>
 *   <li>a real server that is alive is in its services with its weight, unless the sorry server stands in;</li>
 *   <li>one that is down (or stood in for) is removed, or kept at weight 0 with {@code inhibit_on_failure};</li>
 *   <li>the sorry server is in while quorum is lost (it is added when quorum is lost, removed when regained), and
 *       at weight 0 otherwise with {@code sorry_server_inhibit};</li>
 *   <li>quorum: lost when the alive weight falls below {@code quorum - hysteresis} (or to 0), gained when it reaches
 *       {@code quorum + hysteresis}; keepalived starts with quorum down and so "gains" it at start;</li>
 *   <li>{@code alpha}: real servers start down until a checker succeeds; {@code ha_suspend}: while the virtual
 *       address is absent, verdicts are ignored (keepalived suspends the checkers);</li>
 *   <li>a clean stop removes every service of the configuration.</li>
 * </ul>
 * Not thread-safe: the daemon drives it from one thread.
 */
public final class LvsReconciler {
    /** A line for the log and, if not null, a script to run. */
    public record Notice(String logLine, NotifyScript script) {
    }

    private static final class Vs {
        final VirtualServerPlan plan;
        final boolean[] alive;
        final long[] weight;
        boolean quorumUp;
        boolean sorryActive;
        boolean suspended;

        Vs(VirtualServerPlan plan) {
            this.plan = plan;
            int n = plan.realServers().size();
            alive = new boolean[n];
            weight = new long[n];
            for (int i = 0; i < n; i++) {
                weight[i] = plan.realServers().get(i).weight();
            }
        }

        long aliveWeight() {
            long sum = 0;
            for (int i = 0; i < alive.length; i++) {
                if (alive[i]) {
                    sum += realWeight(weight[i]);
                }
            }
            return sum;
        }
    }

    private List<Vs> servers = List.of();
    private boolean running;
    private final List<Notice> notices = new ArrayList<>();

    private LvsReconciler() {
    }

    /**
     * keepalived's init_services: every real server not in alpha mode starts alive, then each virtual server's
     * quorum is decided (from "down", so a met quorum is "gained" and runs {@code quorum_up}).
     */
    public static LvsReconciler start(List<VirtualServerPlan> plans) {
        LvsReconciler r = new LvsReconciler();
        r.running = true;
        r.servers = r.init(plans, Map.of());
        return r;
    }

    private List<Vs> init(List<VirtualServerPlan> plans, Map<String, Vs> previous) {
        List<Vs> out = new ArrayList<>();
        for (VirtualServerPlan p : plans) {
            Vs v = new Vs(p);
            Vs old = previous.get(p.identity());
            if (old != null) {
                // a reload keeps what is known: alive servers, their weights, quorum (keepalived's clear_diff_rs)
                v.quorumUp = old.quorumUp;
                v.sorryActive = old.sorryActive && p.sorryServer() != null && p.sorryServer().sameServer(old.plan.sorryServer());
                v.suspended = old.suspended;
            }
            for (int i = 0; i < v.alive.length; i++) {
                RealServerPlan rs = p.realServers().get(i);
                int o = old == null ? -1 : indexOf(old.plan.realServers(), rs);
                if (o >= 0) {
                    v.alive[i] = old.alive[o];
                    if (old.weight[o] != old.plan.realServers().get(o).weight()) {
                        v.weight[i] = old.weight[o];
                    }
                } else {
                    v.alive[i] = !rs.alpha();
                }
            }
            updateQuorum(v, true);
            out.add(v);
        }
        return out;
    }

    private static int indexOf(List<RealServerPlan> list, RealServerPlan rs) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).sameServer(rs)) {
                return i;
            }
        }
        return -1;
    }

    public List<VirtualServerPlan> plans() {
        return servers.stream().map(v -> v.plan).toList();
    }

    /**
     * A checker verdict for real server {@code rs} of virtual server {@code vs} (indexes in the plans): its weight
     * ({@code misc_dynamic} may change it) and whether it is up. Unknown indexes are ignored.
     */
    public void verdict(int vs, int rs, boolean up, int newWeight) {
        if (!running || vs < 0 || vs >= servers.size() || rs < 0 || rs >= servers.get(vs).alive.length) {
            return;
        }
        Vs v = servers.get(vs);
        if (v.suspended) {
            return;
        }
        RealServerPlan plan = v.plan.realServers().get(rs);
        if (realWeight(newWeight) != realWeight(v.weight[rs])) {
            // a checker going down takes its dynamic weight back silently (keepalived's check_misc.c and
            // track_file.c lower effective_weight without update_svr_wgt); the server leaves the pool below
            if (v.alive[rs] == up || up) {
                notices.add(new Notice("Changing weight from " + realWeight(v.weight[rs]) + " to " + realWeight(newWeight)
                        + " for " + (v.alive[rs] ? "" : "in") + "active service " + plan.name() + " of VS " + v.plan.name(), null));
            }
            v.weight[rs] = newWeight;
            updateQuorum(v, false);
        }
        if (v.alive[rs] == up) {
            return;
        }
        notices.add(new Notice((up ? plan.inhibit() ? "Enabling" : "Adding" : plan.inhibit() ? "Disabling" : "Removing")
                + " service " + plan.name() + " " + (plan.inhibit() ? "of" : up ? "to" : "from") + " VS " + v.plan.name(), null));
        v.alive[rs] = up;
        updateQuorum(v, false);
    }

    /** The same, naming the servers by the model records a verdict carries; false when they are not in the plans. */
    public boolean verdict(VirtualServer vs, RealServer rs, boolean up, int newWeight) {
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).plan.source() == vs) {
                List<RealServerPlan> reals = servers.get(i).plan.realServers();
                for (int j = 0; j < reals.size(); j++) {
                    if (reals.get(j).source() == rs) {
                        verdict(i, j, up, newWeight);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@code ha_suspend}: whether virtual server {@code vs}'s address is absent, which freezes its real servers. */
    public void suspend(int vs, boolean suspended) {
        if (vs >= 0 && vs < servers.size() && servers.get(vs).suspended != suspended) {
            Vs v = servers.get(vs);
            // no line here: keepalived logs one per checker ("Suspending healthchecker for service ..."), the engine's
            v.suspended = suspended;
        }
    }

    /** A new configuration: services and servers still in it keep their state, new ones start as at start. */
    public void reconfigure(List<VirtualServerPlan> plans) {
        Map<String, Vs> previous = new HashMap<>();
        for (Vs v : servers) {
            previous.put(v.plan.identity(), v);
        }
        Set<String> kept = new LinkedHashSet<>();
        plans.forEach(p -> kept.add(p.identity()));
        for (Vs v : servers) {
            if (!kept.contains(v.plan.identity())) {
                notices.add(new Notice("Removing Virtual Server " + v.plan.name(), null));
            }
        }
        servers = init(plans, previous);
    }

    /**
     * SIGHUP (keepalived's clear_diff_services, then init_services over the new plans): a virtual server that stays
     * (same {@link VirtualServerPlan#identity()}) keeps its quorum state and its services, which {@link #desired()}
     * then edits in place; a real server that stays (same address and port) keeps its alive state and weight; a new
     * one starts as at start ({@code alpha}: down). Virtual and real servers that go are removed, with keepalived's
     * lines and, for a real server that was alive, its {@code notify_down} (and {@code quorum_down} for a virtual
     * server that goes with quorum up). Quorum and the sorry server are then decided again for every virtual
     * server, as init_service_vs does. A stopped reconciler stays stopped.
     */
    public void reload(List<VirtualServerPlan> plans) {
        if (!running) {
            return;
        }
        Map<String, Vs> previous = new HashMap<>();
        for (Vs v : servers) {
            previous.putIfAbsent(v.plan.identity(), v);
        }
        Map<String, VirtualServerPlan> next = new HashMap<>();
        plans.forEach(p -> next.putIfAbsent(p.identity(), p));
        for (Vs v : servers) {
            VirtualServerPlan p = next.get(v.plan.identity());
            if (p == null) {
                String group = v.plan.source() != null && !v.plan.source().address().isEmpty()
                        && v.plan.source().address().get(0).equals("group") ? v.plan.source().address().get(1) : null;
                notices.add(new Notice(group != null ? "Removing Virtual Server Group [" + group + "]"
                        : "Removing Virtual Server " + v.plan.name(), null));
                for (int i = 0; i < v.alive.length; i++) {
                    removed(v, i);
                }
                if (v.quorumUp && v.plan.quorumDown() != null) {
                    notices.add(new Notice("Running quorum_down for VS " + v.plan.name() + " (removed)", v.plan.quorumDown()));
                }
                continue;
            }
            for (int i = 0; i < v.alive.length; i++) {
                if (indexOf(p.realServers(), v.plan.realServers().get(i)) < 0) {
                    notices.add(new Notice("service " + v.plan.realServers().get(i).name() + " no longer exist", null));
                    removed(v, i);
                }
            }
            RealServerPlan sorry = v.plan.sorryServer();
            if (sorry != null && v.sorryActive && !sorry.sameServer(p.sorryServer())) {
                notices.add(new Notice("Removing sorry server " + sorry.name() + " from VS " + v.plan.name(), null));
            }
        }
        servers = init(plans, previous);
    }

    /** keepalived's clear_service_rs on a reload: out of the table; notify_down if it was alive. */
    private void removed(Vs v, int i) {
        RealServerPlan rs = v.plan.realServers().get(i);
        boolean set = (v.alive[i] && !v.sorryActive) || rs.inhibit();
        if (set) {
            notices.add(new Notice("Removing " + (rs.inhibit() && !v.alive[i] ? "(inhibited) " : "") + "service "
                    + rs.name() + " from VS " + v.plan.name(), v.alive[i] ? rs.notifyDown() : null));
        }
    }

    /**
     * A clean stop (keepalived's clear_services): every service goes; with {@code omega} the alive servers'
     * {@code notify_down} and the {@code quorum_down} scripts run.
     */
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        for (Vs v : servers) {
            for (int i = 0; i < v.alive.length; i++) {
                RealServerPlan rs = v.plan.realServers().get(i);
                notices.add(new Notice("Shutting down " + (rs.inhibit() && !v.alive[i] ? "(inhibited) " : "") + "service "
                        + rs.name() + " from VS " + v.plan.name(), v.alive[i] && v.plan.omega() ? rs.notifyDown() : null));
            }
            v.quorumUp = false;
            if (v.plan.omega() && v.plan.quorumDown() != null) {
                notices.add(new Notice("Running quorum_down for VS " + v.plan.name() + " (omega)", v.plan.quorumDown()));
            }
        }
    }

    public boolean running() {
        return running;
    }

    /** keepalived's update_quorum_state. */
    private void updateQuorum(Vs v, boolean init) {
        long sum = v.aliveWeight();
        VirtualServerPlan p = v.plan;
        long threshold = p.quorum() + (v.quorumUp ? -1 : 1) * p.hysteresis();
        if (!v.quorumUp && sum >= threshold) {
            v.quorumUp = true;
            notices.add(new Notice("Gained quorum " + p.quorum() + "+" + p.hysteresis() + "=" + threshold + " <= " + sum
                    + " for VS " + p.name(), null));
            if (v.sorryActive) {
                notices.add(new Notice((p.sorryServer().inhibit() ? "Disabling" : "Removing") + " sorry server "
                        + p.sorryServer().name() + " from VS " + p.name(), null));
                notices.add(new Notice("Adding alive servers to the pool for VS " + p.name(), null));
                v.sorryActive = false;
            }
            if (p.quorumUp() != null) {
                notices.add(new Notice("Running quorum_up for VS " + p.name(), p.quorumUp()));
            }
        } else if ((v.quorumUp && (sum == 0 || sum < threshold)) || (init && !v.quorumUp && p.sorryServer() != null && !v.sorryActive)) {
            v.quorumUp = false;
            notices.add(new Notice((init ? "Starting with quorum down" : "Lost quorum") + " " + p.quorum() + "-" + p.hysteresis()
                    + "=" + threshold + " > " + sum + " for VS " + p.name(), null));
            if (p.sorryServer() != null && !v.sorryActive) {
                notices.add(new Notice((p.sorryServer().inhibit() ? "Enabling" : "Adding") + " sorry server "
                        + p.sorryServer().name() + " to VS " + p.name(), null));
                notices.add(new Notice("Removing alive servers from the pool for VS " + p.name(), null));
                v.sorryActive = true;
            }
            if (p.quorumDown() != null) {
                notices.add(new Notice("Running quorum_down for VS " + p.name(), p.quorumDown()));
            }
        }
    }

    /** The table keepalived would have left for the current state: empty once stopped. */
    public IpvsTable desired() {
        IpvsTable t = new IpvsTable();
        if (!running) {
            return t;
        }
        for (Vs v : servers) {
            for (IpvsService s : v.plan.services()) {
                IpvsServiceKey key = s.key();
                t.put(s);
                for (int i = 0; i < v.alive.length; i++) {
                    RealServerPlan rs = v.plan.realServers().get(i);
                    if (v.alive[i] && !v.sorryActive) {
                        t.put(key, rs.destination(key, realWeight(v.weight[i])));
                    } else if (rs.inhibit()) {
                        t.put(key, rs.destination(key, 0));
                    }
                }
                RealServerPlan sorry = v.plan.sorryServer();
                if (sorry != null) {
                    if (v.sorryActive) {
                        t.put(key, sorry.destination(key, realWeight(sorry.weight())));
                    } else if (sorry.inhibit() && t.get(key).destinations().get(IpvsTable.DestKey.of(sorry.destination(key, 0))) == null) {
                        t.put(key, sorry.destination(key, 0));
                    }
                }
            }
        }
        return t;
    }

    /** Every service key of the current plans. */
    public Set<IpvsServiceKey> keys() {
        Set<IpvsServiceKey> out = new LinkedHashSet<>();
        for (Vs v : servers) {
            v.plan.services().forEach(s -> out.add(s.key()));
        }
        return out;
    }

    /** Whether real server {@code rs} of {@code vs} counts as alive. */
    public boolean alive(int vs, int rs) {
        return servers.get(vs).alive[rs];
    }

    public boolean quorumUp(int vs) {
        return servers.get(vs).quorumUp;
    }

    /** The log lines and scripts since the last call. */
    public List<Notice> drainNotices() {
        List<Notice> out = List.copyOf(notices);
        notices.clear();
        return out;
    }

    /** keepalived's real_weight: an effective weight clamped to what IPVS takes. */
    static int realWeight(long w) {
        return w <= 0 ? 0 : w > LvsPlanner.WEIGHT_MAX ? LvsPlanner.WEIGHT_MAX : (int) w;
    }
}
