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
 * @param multicastGroup  224.0.0.18 / ff02::12 or {@code vrrp_mcast_group4/6}; null in unicast mode
 * @param unicastSource   {@code unicast_src_ip}; null to use the interface's primary address
 * @param unicastPeers    {@code unicast_peer} addresses; empty = multicast
 * @param advertInterval  the wire value: seconds (v2) or centiseconds (v3)
 */
record InstancePlan(String name, String interfaceName, boolean ipv6, VrrpInstanceConfig fsm,
                    AdvertExpectation expectation, AuthType authType, AuthData authData, int advertInterval,
                    List<Vip> vips, InetAddress multicastGroup, InetAddress unicastSource,
                    List<InetAddress> unicastPeers) {
    InstancePlan {
        vips = List.copyOf(vips);
        unicastPeers = List.copyOf(unicastPeers);
    }

    boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    int version() {
        return fsm.version();
    }
}
