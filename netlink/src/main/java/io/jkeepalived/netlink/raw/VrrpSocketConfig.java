package io.jkeepalived.netlink.raw;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What a VRRP socket pair needs to know, keepalived's {@code sock_t}: family and protocol, the interface, and either
 * the multicast group (default 224.0.0.18 / ff02::12, {@code vrrp_mcast_group4/6}) or, in unicast mode, the
 * {@code unicast_src_ip} that the receive socket binds to.
 *
 * @param multicastGroup    group joined and bound in multicast mode; null in unicast mode
 * @param unicastSource     {@code unicast_src_ip}; non-null selects unicast mode
 * @param interfaceName     interface the sockets are bound to ({@code SO_BINDTODEVICE}); required for multicast
 * @param interfaceIndex    its index (multicast membership, {@code IP_MULTICAST_IF}, IPv6 link-local scope)
 * @param protocol          VRRP or AH
 * @param receiveBufferSize {@code SO_RCVBUF} of the receive socket, 0 for the kernel default (keepalived:
 *                          {@code vrrp_rx_bufs_policy}); sized for a burst of adverts from many instances
 * @param headerIncluded    IPv4 only: the caller builds the IPv4 header ({@code IP_HDRINCL}, as keepalived does);
 *                          otherwise the kernel builds it with TTL 255 and TOS 0xc0 from the socket options
 */
public record VrrpSocketConfig(InetAddress multicastGroup, InetAddress unicastSource, String interfaceName,
                               int interfaceIndex, IpProtocol protocol, int receiveBufferSize, boolean headerIncluded) {

    /** RFC 5798 §5.1.1.2: the IPv4 multicast address IANA assigned to VRRP. */
    public static final Inet4Address VRRP_GROUP_V4 = (Inet4Address) literal(new byte[]{(byte) 224, 0, 0, 18});
    /** RFC 5798 §5.1.2.2: the IPv6 link-local multicast address IANA assigned to VRRP. */
    public static final Inet6Address VRRP_GROUP_V6 = (Inet6Address) literal(new byte[]{
        (byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12});

    public VrrpSocketConfig {
        Objects.requireNonNull(protocol, "protocol");
        if (multicastGroup == null && unicastSource == null) {
            throw new IllegalArgumentException("a VRRP socket needs a multicast group or a unicast source address");
        }
        if (multicastGroup != null && unicastSource != null) {
            throw new IllegalArgumentException("multicast group " + multicastGroup.getHostAddress()
                    + " and unicast source " + unicastSource.getHostAddress() + " given; choose one mode");
        }
        if (multicastGroup != null) {
            if (!multicastGroup.isMulticastAddress()) {
                throw new IllegalArgumentException(multicastGroup.getHostAddress() + " is not a multicast address");
            }
            if (interfaceName == null || interfaceIndex <= 0) {
                throw new IllegalArgumentException("multicast VRRP needs an interface name and index");
            }
        }
        if (interfaceName != null && (interfaceName.isEmpty() || interfaceName.length() > 15)) {
            throw new IllegalArgumentException("interface name '" + interfaceName + "' is not 1 to 15 characters");
        }
        if (receiveBufferSize < 0) {
            throw new IllegalArgumentException("receive buffer size " + receiveBufferSize + " is negative");
        }
        if (headerIncluded && family6(multicastGroup, unicastSource)) {
            throw new IllegalArgumentException("IP_HDRINCL applies to IPv4 only");
        }
    }

    /** Multicast mode on {@code interfaceName}, kernel-built IPv4 header, default buffer. */
    public static VrrpSocketConfig multicast(InetAddress group, String interfaceName, int interfaceIndex) {
        return new VrrpSocketConfig(group, null, interfaceName, interfaceIndex, IpProtocol.VRRP, 0, false);
    }

    /** Unicast mode from {@code source}; the interface may be null (keepalived allows unicast without one). */
    public static VrrpSocketConfig unicast(InetAddress source, String interfaceName, int interfaceIndex) {
        return new VrrpSocketConfig(null, source, interfaceName, interfaceIndex, IpProtocol.VRRP, 0, false);
    }

    public VrrpSocketConfig withReceiveBufferSize(int bytes) {
        return new VrrpSocketConfig(multicastGroup, unicastSource, interfaceName, interfaceIndex, protocol, bytes,
                headerIncluded);
    }

    public VrrpSocketConfig withHeaderIncluded(boolean included) {
        return new VrrpSocketConfig(multicastGroup, unicastSource, interfaceName, interfaceIndex, protocol,
                receiveBufferSize, included);
    }

    public VrrpSocketConfig withProtocol(IpProtocol p) {
        return new VrrpSocketConfig(multicastGroup, unicastSource, interfaceName, interfaceIndex, p,
                receiveBufferSize, headerIncluded);
    }

    public boolean ipv6() {
        return family6(multicastGroup, unicastSource);
    }

    public boolean unicastMode() {
        return unicastSource != null;
    }

    private static boolean family6(InetAddress group, InetAddress source) {
        return (group != null ? group : source) instanceof Inet6Address;
    }

    private static InetAddress literal(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
