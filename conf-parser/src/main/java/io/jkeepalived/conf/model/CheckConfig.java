package io.jkeepalived.conf.model;

import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.conf.model.check.VirtualServerGroup;

import java.util.List;

/** What the checker process reads: virtual server groups and virtual servers with their real servers and checkers. */
public record CheckConfig(List<VirtualServerGroup> virtualServerGroups, List<VirtualServer> virtualServers) {
    public CheckConfig {
        virtualServerGroups = List.copyOf(virtualServerGroups);
        virtualServers = List.copyOf(virtualServers);
    }

    public static CheckConfig empty() {
        return new CheckConfig(List.of(), List.of());
    }
}
