package io.jkeepalived.vrrp.packet;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * The IPv4 header fields of an advert that are not derived from the VRRP message (see {@link Ipv4Header}).
 *
 * @param identification the IP ID; keepalived counts it up per advert, skipping 0
 */
public record Ipv4Envelope(Inet4Address source, Inet4Address destination, int ttl, int tos, int identification)
        implements Envelope {
    /** TTL keepalived sends and requires ({@code VRRP_IP_TTL}, RFC 3768 §5.2.3, RFC 5798 §5.1.1.3). */
    public static final int VRRP_TTL = 255;

    public Ipv4Envelope {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        check("ttl", ttl, 255);
        check("tos", tos, 255);
        check("identification", identification, 0xffff);
    }

    /** keepalived's defaults for a multicast or unicast advert: TTL 255, TOS 0xc0. */
    public static Ipv4Envelope of(Inet4Address source, Inet4Address destination, int identification) {
        return new Ipv4Envelope(source, destination, VRRP_TTL, Ipv4Header.TOS_INTERNETWORK_CONTROL, identification);
    }

    /**
     * The IP ID of the next advert: keepalived counts up and skips 0, because with {@code IP_HDRINCL} the kernel
     * replaces an ID of 0 with one of its own, which would also break the AH ICV (it covers the ID).
     */
    public static int nextIdentification(int previous) {
        int next = (previous + 1) & 0xffff;
        return next == 0 ? 1 : next;
    }

    private static void check(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0.." + max + ", got " + value);
        }
    }
}
