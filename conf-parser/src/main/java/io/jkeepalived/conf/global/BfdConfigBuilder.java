package io.jkeepalived.conf.global;

import io.jkeepalived.conf.model.BfdConfig;

/** Mutable bfd_instance blocks while reading. */
public final class BfdConfigBuilder {
    public BfdConfig build() {
        return new BfdConfig();
    }
}
