package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.conf.script.NotifyScript;
import io.jkeepalived.ipvs.IpvsService;

import java.net.InetAddress;
import java.util.List;

/**
 * One {@code virtual_server} as IPVS is to get it: the services it stands for (one for an address or a fwmark,
 * one per address, port and mark of its {@code virtual_server_group}) and its real servers, with keepalived's
 * quorum settings.
 *
 * @param name            keepalived's FMT_VS: {@code [198.51.100.10]:tcp:80}, {@code FWM 7}, {@code [group]:0}
 * @param identity        what keepalived's vs_iseq compares across a reload (protocol, address or mark, or group)
 * @param services        the kernel services, without destinations
 * @param sorryServer     {@code sorry_server}, or null
 * @param suspendAddress  the address whose absence suspends the checks with {@code ha_suspend}, or null
 */
public record VirtualServerPlan(String name, String identity, VirtualServer source, List<IpvsService> services,
                                List<RealServerPlan> realServers, RealServerPlan sorryServer, long quorum, long hysteresis,
                                boolean omega, InetAddress suspendAddress, NotifyScript quorumUp, NotifyScript quorumDown) {
    public VirtualServerPlan {
        services = List.copyOf(services);
        realServers = List.copyOf(realServers);
    }
}
