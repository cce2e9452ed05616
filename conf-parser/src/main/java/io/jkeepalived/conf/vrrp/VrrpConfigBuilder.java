package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.model.VrrpConfig;

/** Mutable VRRP configuration while reading. */
public final class VrrpConfigBuilder {
    public VrrpConfig build() {
        return new VrrpConfig();
    }
}
