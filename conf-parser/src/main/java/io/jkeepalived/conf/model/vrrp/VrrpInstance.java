package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/**
 * A {@code vrrp_instance} with keepalived's defaults and end-of-configuration adjustments applied
 * (priority derived from the state, version from the global default and the address family, ...).
 *
 * @param advertIntervalMicros advert_int in microseconds (keepalived's timer resolution)
 * @param source               every line of the block as written (keywords not listed here included)
 */
public record VrrpInstance(String name, State state, String interfaceName, int virtualRouterId, int priority,
                           long advertIntervalMicros, int version, boolean ipv6, AuthType authType, String authPass,
                           boolean nopreempt, long preemptDelayMicros, List<IpAddress> virtualIpAddresses,
                           List<IpAddress> excludedIpAddresses, String unicastSrcIp, List<String> unicastPeers,
                           List<TrackedScript> trackScripts, Setting source) {

    /** The initial state asked for. */
    public enum State { MASTER, BACKUP }

    /** {@code authentication { auth_type }}. */
    public enum AuthType { NONE, PASS, AH }

    /** One {@code track_script} entry: the script name and the weight that applies to this instance. */
    public record TrackedScript(String name, int weight, boolean reverse) {
    }

    public VrrpInstance {
        virtualIpAddresses = List.copyOf(virtualIpAddresses);
        excludedIpAddresses = List.copyOf(excludedIpAddresses);
        unicastPeers = List.copyOf(unicastPeers);
        trackScripts = List.copyOf(trackScripts);
    }
}
