package io.jkeepalived.conf.model;

import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.conf.model.check.VirtualServerGroup;

import java.util.List;

/**
 * What the checker process reads: virtual server groups and virtual servers with their real servers and checkers.
 *
 * @param ssl the root {@code SSL} block, or null when there is none
 */
public record CheckConfig(List<VirtualServerGroup> virtualServerGroups, List<VirtualServer> virtualServers,
                          io.jkeepalived.conf.model.check.SslSettings ssl) {
    public CheckConfig {
        virtualServerGroups = List.copyOf(virtualServerGroups);
        virtualServers = List.copyOf(virtualServers);
    }

    /** A checker configuration without an SSL block. */
    public CheckConfig(List<VirtualServerGroup> virtualServerGroups, List<VirtualServer> virtualServers) {
        this(virtualServerGroups, virtualServers, null);
    }

    public static CheckConfig empty() {
        return new CheckConfig(List.of(), List.of());
    }
}
