package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

/** A {@code static_ipaddress} block as written; its typed fields come with the VRRP engine that acts on it. */
public record StaticAddress(Setting source) {
}
