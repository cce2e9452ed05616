package io.jkeepalived.conf.model;

import io.jkeepalived.conf.model.vrrp.GarpGroup;
import io.jkeepalived.conf.model.vrrp.StaticAddress;
import io.jkeepalived.conf.model.vrrp.StaticRoute;
import io.jkeepalived.conf.model.vrrp.StaticRule;
import io.jkeepalived.conf.model.vrrp.TrackFile;
import io.jkeepalived.conf.model.vrrp.TrackProcess;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.conf.model.vrrp.VrrpScript;
import io.jkeepalived.conf.model.vrrp.VrrpSyncGroup;

import java.util.List;

/**
 * What the VRRP process reads: instances, their trackers and groups, and the static network setup.
 *
 * @param trackProcesses the {@code vrrp_track_process} blocks kept (those with a process)
 */
public record VrrpConfig(List<VrrpInstance> instances,
                         List<VrrpScript> scripts,
                         List<TrackFile> trackFiles,
                         List<VrrpSyncGroup> syncGroups,
                         List<GarpGroup> garpGroups,
                         List<StaticAddress> staticAddresses,
                         List<StaticRoute> staticRoutes,
                         List<StaticRule> staticRules,
                         List<TrackProcess> trackProcesses) {
    public VrrpConfig {
        instances = List.copyOf(instances);
        scripts = List.copyOf(scripts);
        trackFiles = List.copyOf(trackFiles);
        syncGroups = List.copyOf(syncGroups);
        garpGroups = List.copyOf(garpGroups);
        staticAddresses = List.copyOf(staticAddresses);
        staticRoutes = List.copyOf(staticRoutes);
        staticRules = List.copyOf(staticRules);
        trackProcesses = List.copyOf(trackProcesses);
    }

    public static VrrpConfig empty() {
        return new VrrpConfig(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }
}
