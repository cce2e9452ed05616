package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

/** A {@code garp_group} block as written; its typed fields come with the VRRP engine that acts on it. */
public record GarpGroup(Setting source) {
}
