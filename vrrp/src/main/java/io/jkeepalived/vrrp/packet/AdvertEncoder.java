package io.jkeepalived.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;

/**
 * Builds adverts as keepalived 2.2.7 puts them on the wire ({@code vrrp_build_pkt}, {@code vrrp_update_pkt}).
 * Pure: the caller owns the IP ID counter and the {@link AhSequence}.
 */
public final class AdvertEncoder {
    private AdvertEncoder() {
    }

    /**
     * The whole IPv4 packet of an advert without AH (auth NONE or PASS, or any v3 advert), header checksum filled
     * in as the kernel does.
     */
    public static byte[] ipv4(Advert advert, Ipv4Envelope ip) {
        return ipv4(advert, ip, ip.destination());
    }

    /**
     * As {@link #ipv4(Advert, Ipv4Envelope)}, with another destination in the VRRPv3 checksum pseudo-header: the
     * multicast group for a unicast instance in keepalived's old checksum mode ({@link UnicastChecksumCompat}).
     */
    public static byte[] ipv4(Advert advert, Ipv4Envelope ip, Inet4Address checksumDestination) {
        if (advert.authType() == AuthType.AH) {
            throw new IllegalArgumentException("auth_type AH adverts need the key and sequence: use ipv4Ah");
        }
        int vrrpLength = VrrpMessage.length(advert, true);
        byte[] packet = new byte[Ipv4Header.LENGTH + vrrpLength];
        Ipv4Header.encode(packet, ip, Ipv4Header.PROTOCOL_VRRP);
        byte[] pseudo = advert.version() == VrrpVersion.V3
                ? PseudoHeader.ipv4(ip.source(), checksumDestination, vrrpLength) : null;
        VrrpMessage.encode(advert, true, pseudo, packet, Ipv4Header.LENGTH);
        return packet;
    }

    /**
     * The whole IPv4 packet of a VRRPv2 {@code auth_type AH} advert: IPv4 header (protocol 51), AH header with
     * SPI = source address and {@code sequence}, then the VRRP message. The VRRP checksum is computed first, then
     * the ICV over all of it (see {@link IpsecAhHeader}).
     *
     * @param key      the instance's {@code auth_pass}
     * @param sequence from {@link AhSequence#nextToSend()}
     * @param unicast  whether the instance is unicast (its TTL is then left out of the ICV)
     */
    public static byte[] ipv4Ah(Advert advert, Ipv4Envelope ip, AuthData key, long sequence, boolean unicast) {
        if (advert.authType() != AuthType.AH || advert.version() != VrrpVersion.V2) {
            throw new IllegalArgumentException("only VRRPv2 auth_type AH adverts carry an AH header");
        }
        if (sequence < 0 || sequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("AH sequence number must be 32 bits unsigned, got " + sequence);
        }
        int vrrpLength = VrrpMessage.length(advert, true);
        byte[] packet = new byte[Ipv4Header.LENGTH + IpsecAhHeader.LENGTH + vrrpLength];
        Ipv4Header.encode(packet, ip, Ipv4Header.PROTOCOL_AH);
        IpsecAhHeader.encode(packet, Ipv4Header.LENGTH, ip.source().getAddress(), sequence);
        VrrpMessage.encode(advert, true, null, packet, Ipv4Header.LENGTH + IpsecAhHeader.LENGTH);
        IpsecAhHeader.sign(packet, Ipv4Header.LENGTH, key, unicast);
        return packet;
    }

    /**
     * The VRRP message of an IPv6 advert (what a raw IPv6 socket sends), checksum computed over the IPv6
     * pseudo-header. keepalived leaves it to the kernel ({@code IPV6_CHECKSUM}), which writes the same value.
     */
    public static byte[] ipv6(Advert advert, Inet6Address source, Inet6Address destination) {
        int vrrpLength = VrrpMessage.length(advert, false);
        byte[] message = new byte[vrrpLength];
        VrrpMessage.encode(advert, false, PseudoHeader.ipv6(source, destination, vrrpLength), message, 0);
        return message;
    }
}
