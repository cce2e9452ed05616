package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/**
 * A {@code vrrp_sync_group}: the instances that change state together (those that exist and are in no
 * other group, as keepalived keeps them); the block as written is in {@code source}.
 *
 * @param tracking       the group's own trackers (applied to every member)
 * @param notifications the group's notify scripts (no notify_deleted / notify_master_rx_lower_pri for groups);
 *                       smtpAlert defaults as an instance's, notifyPriorityChanges is false when not given
 * @param trackingWeight {@code sync_group_tracking_weight} (or the deprecated {@code global_tracking}): members'
 *                       weighted trackers keep their weight instead of being ignored
 */
public record VrrpSyncGroup(String name, List<String> members, Tracking tracking, InstanceNotify notifications,
                            boolean trackingWeight, Setting source) {
    public VrrpSyncGroup {
        members = List.copyOf(members);
    }
}
