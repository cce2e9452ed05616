package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/**
 * A {@code vrrp_instance} with keepalived's defaults and end-of-configuration adjustments applied
 * (priority derived from the state, version from the global default and the address family, global
 * GARP/advert options inherited, strict mode's defaults, ...).
 *
 * @param interfaceName        {@code interface}, "" when none is usable (unicast without interface)
 * @param vrf                  {@code vrf}, or null
 * @param advertIntervalMicros advert_int in microseconds (keepalived's timer resolution)
 * @param preemptDelayMicros   {@code preempt_delay} in microseconds
 * @param virtualRoutes        {@code virtual_routes} lines as written (the route grammar is the static routes')
 * @param virtualRules         {@code virtual_rules} lines as written
 * @param source               every line of the block as written (what the writer prints)
 */
public record VrrpInstance(String name, State state, String interfaceName, String vrf, int virtualRouterId,
                           int priority, long advertIntervalMicros, int version, boolean ipv6, AuthType authType,
                           String authPass, boolean nopreempt, long preemptDelayMicros,
                           List<IpAddress> virtualIpAddresses, List<IpAddress> excludedIpAddresses,
                           List<List<String>> virtualRoutes, List<List<String>> virtualRules,
                           Addressing addressing, Tracking tracking, InstanceNotify notifications, GarpSettings garp,
                           VmacSettings vmac, InstanceOptions options, Setting source) {

    /** The initial state asked for. */
    public enum State { MASTER, BACKUP }

    /** {@code authentication { auth_type }}. */
    public enum AuthType { NONE, PASS, AH }

    public VrrpInstance {
        virtualIpAddresses = List.copyOf(virtualIpAddresses);
        excludedIpAddresses = List.copyOf(excludedIpAddresses);
        virtualRoutes = virtualRoutes.stream().map(List::copyOf).toList();
        virtualRules = virtualRules.stream().map(List::copyOf).toList();
    }

    /** {@code unicast_src_ip} / {@code mcast_src_ip}, or null. */
    public String unicastSrcIp() {
        return addressing.srcIp();
    }

    /** The unicast peers' addresses; empty in multicast mode. */
    public List<String> unicastPeers() {
        return addressing.peers().stream().map(UnicastPeer::address).toList();
    }

    /** The {@code track_script} entries kept. */
    public List<Tracked> trackScripts() {
        return tracking.scripts();
    }
}
