package io.jkeepalived.daemon.status;

import java.util.List;

/**
 * What the daemon reports at one moment: the VRRP instances and the real servers.
 *
 * @param takenAtMicros wall-clock microseconds since the epoch
 */
public record DaemonStatus(long takenAtMicros, List<InstanceStatus> instances, List<RealServerStatus> realServers) {
    public DaemonStatus {
        instances = List.copyOf(instances);
        realServers = List.copyOf(realServers);
    }
}
