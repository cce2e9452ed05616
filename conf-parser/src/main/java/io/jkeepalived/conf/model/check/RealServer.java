package io.jkeepalived.conf.model.check;

import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.script.NotifyScript;

import java.util.List;

/**
 * A {@code real_server IP [PORT]} of a virtual server, with keepalived's defaults.
 *
 * @param forwarding the real server's own lvs_method, else the virtual server's, else NAT
 * @param timing     the checker defaults set in this real_server block (unset values come from the virtual server)
 * @param virtualhost the block's {@code virtualhost} (the last one written), or null: the Host header of its
 *                    HTTP_GET/SSL_GET checkers when neither the url nor the checker names one (keepalived 2.2.7
 *                    does not use it for SNI)
 */
public record RealServer(String address, String port, int weight, ForwardingMethod forwarding,
                         boolean inhibitOnFailure, NotifyScript notifyUp, NotifyScript notifyDown,
                         List<Checker> checkers, Setting source, ServerTiming timing, String virtualhost) {
    public RealServer {
        checkers = List.copyOf(checkers);
    }

    /** A real server without a {@code virtualhost}. */
    public RealServer(String address, String port, int weight, ForwardingMethod forwarding,
                      boolean inhibitOnFailure, NotifyScript notifyUp, NotifyScript notifyDown,
                      List<Checker> checkers, Setting source, ServerTiming timing) {
        this(address, port, weight, forwarding, inhibitOnFailure, notifyUp, notifyDown, checkers, source, timing, null);
    }
}
