package io.jkeepalived.vrrp.packet;

import java.net.InetAddress;

/**
 * What surrounds a VRRP message on the wire: the IPv4 header fields keepalived sets, or the IPv6 addresses and hop
 * limit it gets from ancillary data ({@code IPV6_PKTINFO}, {@code IPV6_HOPLIMIT}).
 */
public sealed interface Envelope permits Ipv4Envelope, Ipv6Envelope {
    InetAddress source();

    InetAddress destination();

    /** TTL or hop limit; -1 when not known (keepalived's {@code rx_ttl_hop_limit = -1}: then it is not checked). */
    int ttl();
}
