package io.jkeepalived.conf.global;

import io.jkeepalived.conf.model.BfdConfig;
import io.jkeepalived.conf.model.BfdConfig.BfdInstance;

import java.util.List;

/** The BFD process's reading. */
public final class BfdConfigBuilder {
    List<BfdInstance> instances = List.of();

    public BfdConfig build() {
        return new BfdConfig(instances);
    }
}
