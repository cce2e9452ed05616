package io.jkeepalived.vrrp.packet;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A {@code unicast_peer} entry as the receive check uses it: its address and the {@code min_ttl}/{@code max_ttl}
 * range keepalived accepts from it (0..255 when not configured).
 */
public record UnicastPeer(InetAddress address, int minTtl, int maxTtl) {
    public UnicastPeer {
        Objects.requireNonNull(address, "address");
        if (minTtl < 0 || maxTtl > 255 || minTtl > maxTtl) {
            throw new IllegalArgumentException("TTL range must be within 0..255, got " + minTtl + " - " + maxTtl);
        }
    }

    public static UnicastPeer of(InetAddress address) {
        return new UnicastPeer(address, 0, 255);
    }
}
