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

/**
 * What each instance tracks once its sync group is taken into account (pure), as keepalived 2.2.7's
 * sync_group_tracking_init() sets it up: the group's own {@code track_interface/script/file/process} apply to every
 * member with the group's weight, replacing a member's entry for the same object (keepalived uses the sync
 * group's). The members' own weighted trackers were already set aside by the parser, with keepalived's lines
 * ({@code (VI_1) ignoring tracked script chk with weights due to SYNC group}), unless
 * {@code sync_group_tracking_weight}.
 */
public final class SyncGroupTracking {
    private SyncGroupTracking() {
    }

    public static VrrpConfig apply(VrrpConfig config) {
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
            instances.add(g == null ? i : withTracking(i, memberTracking(i.tracking(), g.tracking())));
        }
        return new VrrpConfig(instances, config.scripts(), config.trackFiles(), config.syncGroups(),
                config.garpGroups(), config.staticAddresses(), config.staticRoutes(), config.staticRules(),
                config.trackProcesses());
    }

    static Tracking memberTracking(Tracking t, Tracking gt) {
        return new Tracking(merge(t.interfaces(), gt.interfaces()), merge(t.scripts(), gt.scripts()),
                merge(t.files(), gt.files()), merge(t.processes(), gt.processes()), t.bfds(), t.dontTrackPrimary());
    }

    private static List<Tracked> merge(List<Tracked> member, List<Tracked> group) {
        List<Tracked> out = new ArrayList<>(member);
        for (Tracked x : group) {
            out.removeIf(m -> m.name().equals(x.name()));
            out.add(x);
        }
        return out;
    }

    private static VrrpInstance withTracking(VrrpInstance i, Tracking t) {
        return new VrrpInstance(i.name(), i.state(), i.interfaceName(), i.vrf(), i.virtualRouterId(), i.priority(),
                i.advertIntervalMicros(), i.version(), i.ipv6(), i.authType(), i.authPass(), i.nopreempt(),
                i.preemptDelayMicros(), i.virtualIpAddresses(), i.excludedIpAddresses(), i.virtualRoutes(),
                i.virtualRules(), i.addressing(), t, i.notifications(), i.garp(), i.vmac(), i.options(),
                i.source());
    }
}
