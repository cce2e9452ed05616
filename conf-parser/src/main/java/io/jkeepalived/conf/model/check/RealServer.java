package io.jkeepalived.conf.model.check;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/** A {@code real_server IP [PORT]} of a virtual server; every line as written is in {@code source}. */
public record RealServer(String address, String port, List<Checker> checkers, Setting source) {
    public RealServer {
        checkers = List.copyOf(checkers);
    }
}
