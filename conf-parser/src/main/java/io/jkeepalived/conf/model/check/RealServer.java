package io.jkeepalived.conf.model.check;

import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.script.NotifyScript;

import java.util.List;

/**
 * A {@code real_server IP [PORT]} of a virtual server, with keepalived's defaults.
 *
 * @param forwarding the real server's own lvs_method, else the virtual server's, else NAT
 */
public record RealServer(String address, String port, int weight, ForwardingMethod forwarding,
                         boolean inhibitOnFailure, NotifyScript notifyUp, NotifyScript notifyDown,
                         List<Checker> checkers, Setting source) {
    public RealServer {
        checkers = List.copyOf(checkers);
    }
}
