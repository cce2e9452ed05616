package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.vrrp.fsm.VrrpInstanceConfig;
import io.jkeepalived.vrrp.packet.AdvertExpectation;
import io.jkeepalived.vrrp.packet.AuthData;
import io.jkeepalived.vrrp.packet.AuthType;

import java.net.InetAddress;
import java.util.List;

/**
 * One {@code vrrp_instance} as the engine runs it, worked out from the configuration before any socket is opened
 * (so it is tested without a network): the state machine's settings, what received adverts must look like, the
 * addresses it moves, and where its adverts go.
 *
 * @param vips            {@code virtual_ipaddress}: added as master, listed in the adverts
 * @param excludedVips    {@code virtual_ipaddress_excluded}: added as master, not in the adverts
 * @param multicastGroup  224.0.0.18 / ff02::12 or {@code vrrp_mcast_group4/6}; null in unicast mode
 * @param unicastSource   {@code unicast_src_ip}; null to use the interface's primary address
 * @param unicastPeers    {@code unicast_peer} addresses; empty = multicast
 * @param advertInterval  the wire value: seconds (v2) or centiseconds (v3)
 */
record InstancePlan(String name, String interfaceName, boolean ipv6, VrrpInstanceConfig fsm,
                    AdvertExpectation expectation, AuthType authType, AuthData authData, int advertInterval,
                    List<Vip> vips, List<Vip> excludedVips, InetAddress multicastGroup, InetAddress unicastSource,
                    List<InetAddress> unicastPeers) {
    InstancePlan {
        vips = List.copyOf(vips);
        excludedVips = List.copyOf(excludedVips);
        unicastPeers = List.copyOf(unicastPeers);
    }

    /** Every address the instance moves: its VIPs, then the excluded ones. */
    List<Vip> allVips() {
        List<Vip> all = new java.util.ArrayList<>(vips);
        all.addAll(excludedVips);
        return all;
    }

    /**
     * The plan with its adverts sent on {@code sendInterface} and the given VIPs: how a {@code use_vmac} instance
     * runs (see {@link Vmacs}).
     */
    InstancePlan onInterfaces(String sendInterface, List<Vip> newVips, List<Vip> newExcluded) {
        return new InstancePlan(name, sendInterface, ipv6, fsm, expectation, authType, authData, advertInterval,
                newVips, newExcluded, multicastGroup, unicastSource, unicastPeers);
    }

    boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    int version() {
        return fsm.version();
    }
}
