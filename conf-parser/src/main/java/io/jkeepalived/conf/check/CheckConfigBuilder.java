package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.CheckConfig;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.conf.model.check.VirtualServerGroup;

import java.util.List;

/** The checker process's reading. */
public final class CheckConfigBuilder {
    List<VirtualServerGroup> groups = List.of();
    List<VirtualServer> servers = List.of();
    io.jkeepalived.conf.model.check.SslSettings ssl;

    public CheckConfig build() {
        return new CheckConfig(groups, servers, ssl);
    }
}
