package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.conf.model.vrrp.GarpGroup;
import io.jkeepalived.conf.model.vrrp.StaticAddress;
import io.jkeepalived.conf.model.vrrp.StaticRoute;
import io.jkeepalived.conf.model.vrrp.StaticRule;
import io.jkeepalived.conf.model.vrrp.TrackFile;
import io.jkeepalived.conf.model.vrrp.TrackProcess;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.conf.model.vrrp.VrrpScript;
import io.jkeepalived.conf.model.vrrp.VrrpSyncGroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VRRP process's view while reading: what handlers must look up before the end of the file
 * (keepalived resolves {@code track_script} names when the line is read, so a script must be defined
 * before the instance that tracks it), and the finished model.
 */
public final class VrrpConfigBuilder {
    /** vrrp_script names read so far, with their weight (the default for track_script). */
    final Map<String, int[]> scriptWeights = new LinkedHashMap<>();
    /** The vrrp_script being read, for messages. */
    String currentScript = "";
    /** The deprecated per-instance lvs_sync_daemon_interface, the first one given. */
    String lvsSyncDaemonInterface;
    /** vrrp_sync_group names read so far. */
    final List<String> syncGroupNames = new ArrayList<>();
    /** vrrp_instance names read so far. */
    final List<String> instanceNames = new ArrayList<>();

    List<VrrpInstance> instances = List.of();
    List<VrrpScript> scripts = List.of();
    List<TrackFile> trackFiles = List.of();
    List<VrrpSyncGroup> syncGroups = List.of();
    List<GarpGroup> garpGroups = List.of();
    List<StaticAddress> staticAddresses = List.of();
    List<StaticRoute> staticRoutes = List.of();
    List<StaticRule> staticRules = List.of();
    List<TrackProcess> trackProcesses = List.of();

    public VrrpConfig build() {
        return new VrrpConfig(instances, scripts, trackFiles, syncGroups, garpGroups, staticAddresses, staticRoutes,
                staticRules, trackProcesses);
    }
}
