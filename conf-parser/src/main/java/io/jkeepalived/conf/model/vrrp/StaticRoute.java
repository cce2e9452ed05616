package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

/** A {@code static_routes} block as written; its typed fields come with the VRRP engine that acts on it. */
public record StaticRoute(Setting source) {
}
