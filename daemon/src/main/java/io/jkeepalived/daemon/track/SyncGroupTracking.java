package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.conf.model.vrrp.Tracking;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.conf.model.vrrp.VrrpSyncGroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What each instance tracks once its sync group is taken into account (pure), as keepalived 2.2.7 sets it up
 * (vrrp.c: vrrp_complete_instance() and sync_group_tracking_init()):
 * <ul>
 * <li>unless the group sets {@code sync_group_tracking_weight}, a member's weighted trackers are ignored, since
 *     members with floating priorities would not change state together: a weighted interface becomes weight 0
 *     (down = FAULT), a weighted script is dropped, a track_file with the default weight 1 becomes weight 0 and
 *     one with another weight is dropped, each with keepalived's line; track_process keeps its weight (keepalived
 *     2.2.7 does not check it);</li>
 * <li>the group's own {@code track_interface/script/file/process} apply to every member, with the group's weight
 *     (it replaces a member's entry for the same object, as keepalived uses the sync group's).</li>
 * </ul>
 * Address owners (priority 255) are left as they are: their priority never moves anyway.
 */
public final class SyncGroupTracking {
    private SyncGroupTracking() {
    }

    /**
     * @param log receives keepalived's configuration lines, e.g.
     *            {@code (VI_1) ignoring tracked script chk with weights due to SYNC group}
     */
    public static VrrpConfig apply(VrrpConfig config, Consumer<String> log) {
        if (config.syncGroups().isEmpty()) {
            return config;
        }
        Map<String, VrrpSyncGroup> groupOf = new LinkedHashMap<>();
        for (VrrpSyncGroup g : config.syncGroups()) {
            for (String m : g.members()) {
                groupOf.putIfAbsent(m, g);
            }
        }
        List<VrrpInstance> instances = new ArrayList<>();
        for (VrrpInstance i : config.instances()) {
            VrrpSyncGroup g = groupOf.get(i.name());
            instances.add(g == null ? i : withTracking(i, memberTracking(i, g, log)));
        }
        return new VrrpConfig(instances, config.scripts(), config.trackFiles(), config.syncGroups(),
                config.garpGroups(), config.staticAddresses(), config.staticRoutes(), config.staticRules(),
                config.trackProcesses());
    }

    static Tracking memberTracking(VrrpInstance i, VrrpSyncGroup g, Consumer<String> log) {
        Tracking t = i.tracking();
        List<Tracked> interfaces = new ArrayList<>(t.interfaces());
        List<Tracked> scripts = new ArrayList<>(t.scripts());
        List<Tracked> files = new ArrayList<>(t.files());
        if (!g.trackingWeight() && i.priority() != 255) {
            String who = "(" + i.name() + ") ";
            interfaces.replaceAll(x -> {
                if (x.weight() == 0) {
                    return x;
                }
                log.accept(who + "ignoring " + x.name() + " tracked interface weight due to SYNC group");
                return new Tracked(x.name(), 0, x.reverse());
            });
            scripts.removeIf(x -> {
                if (x.weight() != 0) {
                    log.accept(who + "ignoring tracked script " + x.name() + " with weights due to SYNC group");
                    return true;
                }
                return false;
            });
            List<Tracked> keptFiles = new ArrayList<>();
            for (Tracked x : files) {
                if (x.weight() == 1) {
                    log.accept(who + "ignoring weight from tracked file " + x.name()
                            + " due to SYNC group. specify weight 0");
                    keptFiles.add(new Tracked(x.name(), 0, x.reverse()));
                } else if (x.weight() != 0) {
                    log.accept(who + "ignoring tracked file " + x.name() + " with weight " + x.weight()
                            + " due to SYNC group");
                } else {
                    keptFiles.add(x);
                }
            }
            files = keptFiles;
        }
        Tracking gt = g.tracking();
        return new Tracking(merge(interfaces, gt.interfaces()), merge(scripts, gt.scripts()),
                merge(files, gt.files()), merge(new ArrayList<>(t.processes()), gt.processes()), t.bfds(),
                t.dontTrackPrimary());
    }

    /** The group's entries replace the member's for the same object. */
    private static List<Tracked> merge(List<Tracked> member, List<Tracked> group) {
        for (Tracked x : group) {
            member.removeIf(m -> m.name().equals(x.name()));
            member.add(x);
        }
        return member;
    }

    private static VrrpInstance withTracking(VrrpInstance i, Tracking t) {
        return new VrrpInstance(i.name(), i.state(), i.interfaceName(), i.vrf(), i.virtualRouterId(), i.priority(),
                i.advertIntervalMicros(), i.version(), i.ipv6(), i.authType(), i.authPass(), i.nopreempt(),
                i.preemptDelayMicros(), i.virtualIpAddresses(), i.excludedIpAddresses(), i.virtualRoutes(),
                i.virtualRules(), i.addressing(), t, i.notifications(), i.garp(), i.vmac(), i.options(),
                i.source());
    }
}
