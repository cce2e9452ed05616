package io.jkeepalived.conf.model;

import java.util.List;

/**
 * The global settings ({@code global_defs} and root-level global keywords) with keepalived's defaults.
 *
 * @param settings every global line as written, including keywords not typed here
 */
public record GlobalDefs(String routerId, boolean enableScriptSecurity, String scriptUser, String scriptGroup,
                         int vrrpVersion, long vrrpGarpMasterDelayMicros, long smtpConnectTimeoutSeconds,
                         List<Setting> settings) {
    public GlobalDefs {
        settings = List.copyOf(settings);
    }
}
