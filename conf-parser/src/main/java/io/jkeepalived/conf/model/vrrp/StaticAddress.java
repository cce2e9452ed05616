package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/** A {@code static_ipaddress} block: addresses set at start whatever the VRRP state (those keepalived accepts). */
public record StaticAddress(List<IpAddress> addresses, Setting source) {
    public StaticAddress {
        addresses = List.copyOf(addresses);
    }
}
