package io.jkeepalived.netlink.raw;

import java.net.InetAddress;

/**
 * One packet from a {@link VrrpReceiveSocket}.
 *
 * @param data        IPv4: the whole IP datagram, header included (a raw IPv4 socket delivers it, and keepalived's
 *                    checks read it); IPv6: the VRRP (or AH) payload only, the kernel keeps the header
 * @param truncated   the packet was longer than the receive buffer and {@code data} holds only its start
 * @param ifIndex     the interface it arrived on ({@code IP_PKTINFO}/{@code IPV6_PKTINFO}), -1 if unknown
 * @param hopLimit    its TTL / hop limit ({@code IP_TTL}/{@code IPV6_HOPLIMIT}); RFC 5798 §7.1 requires 255
 * @param source      the sender's address
 * @param destination the destination address (the group for multicast), null if unknown
 */
public record ReceivedPacket(byte[] data, boolean truncated, int ifIndex, int hopLimit, InetAddress source,
                             InetAddress destination) {
}
