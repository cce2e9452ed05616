package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

/** A {@code static_rules} block as written; its typed fields come with the VRRP engine that acts on it. */
public record StaticRule(Setting source) {
}
