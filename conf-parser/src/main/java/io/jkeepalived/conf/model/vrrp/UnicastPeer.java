package io.jkeepalived.conf.model.vrrp;

/**
 * One {@code unicast_peer} line: {@code ADDR [min_ttl N] [max_ttl N]}. Received adverts from this peer
 * whose TTL is outside [minTtl, maxTtl] are dropped (keepalived's defaults 0 and 255 accept any).
 */
public record UnicastPeer(String address, int minTtl, int maxTtl) {
    public static final int DEFAULT_MIN_TTL = 0;
    public static final int DEFAULT_MAX_TTL = 255;

    public UnicastPeer(String address) {
        this(address, DEFAULT_MIN_TTL, DEFAULT_MAX_TTL);
    }
}
