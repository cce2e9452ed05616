package io.jkeepalived.conf;

import io.jkeepalived.conf.model.BfdConfig;
import io.jkeepalived.conf.model.CheckConfig;
import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.model.VrrpConfig;

/**
 * The whole parsed configuration: immutable, typed, with keepalived's defaults applied.
 */
public record KeepalivedConfig(GlobalDefs global, VrrpConfig vrrp, CheckConfig check, BfdConfig bfd) {
}
