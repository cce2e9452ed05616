package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.script.NotifyScript;
import io.jkeepalived.ipvs.ForwardingMethod;
import io.jkeepalived.ipvs.IpvsDestination;
import io.jkeepalived.ipvs.IpvsServiceKey;
import io.jkeepalived.ipvs.TunnelChecksum;
import io.jkeepalived.ipvs.TunnelType;

import java.net.InetAddress;

/**
 * A real (or sorry) server as the kernel is to get it, keepalived's defaults applied.
 *
 * @param name       keepalived's FMT_RS, {@code [203.0.113.2]:tcp:80}, for log lines
 * @param source     the configured real server; null for a sorry server
 * @param port       the real server's own port (what a NAT destination uses; others take the service's)
 * @param weight     the configured weight (keepalived's iweight)
 * @param alpha      starts down: one of its checkers is in alpha mode (its own, the real server's or the virtual
 *                   server's {@code alpha}) and has to succeed first
 */
public record RealServerPlan(String name, RealServer source, InetAddress address, int port, ForwardingMethod forwarding,
                             int weight, long upperThreshold, long lowerThreshold, TunnelType tunnelType, int tunnelPort,
                             TunnelChecksum tunnelChecksum, boolean inhibit, boolean alpha, NotifyScript notifyDown) {

    /** The destination in {@code service} with {@code weight}: DR and TUN use the service's port (0 for fwmarks). */
    public IpvsDestination destination(IpvsServiceKey service, int weight) {
        int p = forwarding == ForwardingMethod.MASQ ? port : service.port();
        IpvsDestination d = IpvsDestination.of(address, p, forwarding).withWeight(weight)
                .withThresholds(upperThreshold, lowerThreshold);
        return forwarding == ForwardingMethod.TUNNEL ? d.withTunnel(tunnelType, tunnelPort, tunnelChecksum) : d;
    }

    /** Same server (address and port), as keepalived's rs_iseq matches them across a reload. */
    boolean sameServer(RealServerPlan o) {
        return o != null && address.equals(o.address) && port == o.port;
    }
}
