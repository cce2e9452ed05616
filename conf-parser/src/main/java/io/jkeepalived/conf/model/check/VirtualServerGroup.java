package io.jkeepalived.conf.model.check;

import io.jkeepalived.conf.model.Setting;

/** A {@code virtual_server_group NAME { ... }} as written. */
public record VirtualServerGroup(String name, Setting source) {
}
