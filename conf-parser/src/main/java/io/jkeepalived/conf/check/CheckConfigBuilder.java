package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.CheckConfig;

/** Mutable LVS/checker configuration while reading. */
public final class CheckConfigBuilder {
    public CheckConfig build() {
        return CheckConfig.empty();
    }
}
