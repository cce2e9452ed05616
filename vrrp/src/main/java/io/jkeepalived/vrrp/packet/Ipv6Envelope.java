package io.jkeepalived.vrrp.packet;

import java.net.Inet6Address;
import java.util.Objects;

/**
 * The IPv6 addressing of an advert. A raw IPv6 socket gives only the VRRP message; source comes from the
 * {@code recvmsg} address, destination from {@code IPV6_PKTINFO} and hop limit from {@code IPV6_HOPLIMIT}. Both
 * addresses enter the checksum pseudo-header (RFC 5798 §5.2.8).
 *
 * @param ttl hop limit 0..255, or -1 when the ancillary data did not carry it (then it is not checked)
 */
public record Ipv6Envelope(Inet6Address source, Inet6Address destination, int ttl) implements Envelope {
    public Ipv6Envelope {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        if (ttl < -1 || ttl > 255) {
            throw new IllegalArgumentException("hop limit must be -1..255, got " + ttl);
        }
    }
}
