package io.jkeepalived.conf.model.check;

import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.script.NotifyScript;

import java.util.List;

/**
 * A {@code real_server IP [PORT]} of a virtual server, with keepalived's defaults.
 *
 * @param forwarding the real server's own lvs_method, else the virtual server's, else NAT
 * @param timing     the checker defaults set in this real_server block (unset values come from the virtual server)
 */
public record RealServer(String address, String port, int weight, ForwardingMethod forwarding,
                         boolean inhibitOnFailure, NotifyScript notifyUp, NotifyScript notifyDown,
                         List<Checker> checkers, Setting source, ServerTiming timing) {
    public RealServer {
        checkers = List.copyOf(checkers);
    }
}
