package io.jkeepalived.conf;

import io.jkeepalived.conf.check.CheckConfigBuilder;
import io.jkeepalived.conf.global.BfdConfigBuilder;
import io.jkeepalived.conf.global.GlobalDefsBuilder;
import io.jkeepalived.conf.vrrp.VrrpConfigBuilder;

/**
 * Mutable state the handlers fill while reading. Each phase builds its own part; the parent's global
 * definitions are visible to the later phases, as a keepalived child inherits them from its parent.
 */
public final class ConfigBuilder {
    public final GlobalDefsBuilder global = new GlobalDefsBuilder();
    public VrrpConfigBuilder vrrp = new VrrpConfigBuilder();
    public CheckConfigBuilder check = new CheckConfigBuilder();
    public BfdConfigBuilder bfd = new BfdConfigBuilder();

    public KeepalivedConfig build() {
        return new KeepalivedConfig(global.build(), vrrp.build(), check.build(), bfd.build());
    }
}
