package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/**
 * A {@code vrrp_sync_group}: the instances that change state together (those that exist and are in no
 * other group, as keepalived keeps them); the block as written is in {@code source}.
 */
public record VrrpSyncGroup(String name, List<String> members, Setting source) {
    public VrrpSyncGroup {
        members = List.copyOf(members);
    }
}
