package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.conf.model.vrrp.Tracking;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.conf.model.vrrp.VrrpSyncGroup;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The end of keepalived's vrrp_complete_instance() for a sync-group member: unless the group sets
 * {@code sync_group_tracking_weight}, members must not float their priorities, so a weighted interface is tracked
 * with weight 0 (down = FAULT), a weighted script is dropped, a track_file with the default weight 1 gets weight 0
 * and one with another weight is dropped, each with keepalived's configuration error. track_process and track_bfd
 * keep theirs (keepalived 2.2.7 checks only bfd, which jkeepalived does not run).
 */
final class SyncMemberTracking {
    private SyncMemberTracking() {
    }

    static VrrpInstance apply(ParseContext ctx, VrrpInstance i, List<VrrpSyncGroup> groups) {
        VrrpSyncGroup group = null;
        for (VrrpSyncGroup g : groups) {
            if (g.members().contains(i.name())) {
                group = g;
                break;
            }
        }
        if (group == null || group.trackingWeight()) {
            return i;
        }
        String name = i.name();
        Tracking t = i.tracking();
        List<Tracked> interfaces = new ArrayList<>();
        for (Tracked x : t.interfaces()) {
            if (x.weight() != 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) ignoring %s tracked interface weight due to SYNC group",
                        name, x.name());
                x = new Tracked(x.name(), 0, x.reverse());
            }
            interfaces.add(x);
        }
        List<Tracked> scripts = new ArrayList<>();
        for (Tracked x : t.scripts()) {
            if (x.weight() != 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) ignoring tracked script %s with weights due to SYNC group",
                        name, x.name());
            } else {
                scripts.add(x);
            }
        }
        List<Tracked> files = new ArrayList<>();
        for (Tracked x : t.files()) {
            if (x.weight() == 1) {
                ctx.error(ConfigError.GENERAL_ERROR,
                        "(%s) ignoring weight from tracked file %s due to SYNC group. specify weight 0", name, x.name());
                files.add(new Tracked(x.name(), 0, x.reverse()));
            } else if (x.weight() != 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) ignoring tracked file %s with weight %d due to SYNC group",
                        name, x.name(), x.weight());
            } else {
                files.add(x);
            }
        }
        Tracking kept = new Tracking(interfaces, scripts, files, t.processes(), t.bfds(), t.dontTrackPrimary());
        return new VrrpInstance(i.name(), i.state(), i.interfaceName(), i.vrf(), i.virtualRouterId(), i.priority(),
                i.advertIntervalMicros(), i.version(), i.ipv6(), i.authType(), i.authPass(), i.nopreempt(),
                i.preemptDelayMicros(), i.virtualIpAddresses(), i.excludedIpAddresses(), i.virtualRoutes(),
                i.virtualRules(), i.addressing(), kept, i.notifications(), i.garp(), i.vmac(), i.options(),
                i.source());
    }
}
