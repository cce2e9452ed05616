package io.jkeepalived.conf.model.check;

import io.jkeepalived.conf.model.Setting;

/** A {@code real_server IP [PORT]} of a virtual server; every line as written is in {@code source}. */
public record RealServer(String address, String port, Setting source) {
}
