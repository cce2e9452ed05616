package io.jkeepalived.conf.model.check;

import io.jkeepalived.conf.model.Setting;

/** {@code TCP_CHECK}: a TCP connect to the real server (or connect_ip/connect_port). */
public record TcpCheck(CheckOptions options, Setting source) implements Checker {
    @Override
    public String keyword() {
        return "TCP_CHECK";
    }
}
