package io.jkeepalived.conf.model;

import java.util.List;

/**
 * The {@code bfd_instance} blocks, typed, in file order (jkeepalived does not run BFD yet; they are
 * kept, typed and printed).
 */
public record BfdConfig(List<BfdInstance> instances) {
    public BfdConfig {
        instances = List.copyOf(instances);
    }

    /**
     * One {@code bfd_instance NAME} with keepalived 2.2.7's defaults (bfd.h, bfd_data.c alloc_bfd).
     *
     * @param neighborIp    {@code neighbor_ip}/{@code neighbour_ip}; null = missing (keepalived disables the instance)
     * @param sourceIp      {@code source_ip}; null = chosen by the kernel
     * @param minRxMicros   {@code min_rx} (ms, µs resolution; default 10 ms)
     * @param minTxMicros   {@code min_tx} (default 10 ms)
     * @param idleTxMicros  {@code idle_tx} (default 1000 ms)
     * @param multiplier    {@code multiplier} 1..255 (default 5)
     * @param ttl           {@code ttl}/{@code hoplimit} 1..255 (default 255 for IPv4, 64 for IPv6)
     * @param maxHops       {@code max_hops} -1..255 (default 0; at most {@code ttl})
     * @param weight        {@code weight} -253..253 for tracking VRRP instances (default 0)
     * @param enabled       false when keepalived would disable or ignore the instance (no or bad neighbour,
     *                      mixed families, duplicate name or addresses, name too long)
     */
    public record BfdInstance(String name, String neighborIp, String sourceIp, long minRxMicros, long minTxMicros,
                              long idleTxMicros, int multiplier, boolean passive, int ttl, int maxHops, int weight,
                              boolean weightReverse, boolean enabled, Setting source) {
        public static final long MIN_RX_DEFAULT_MICROS = 10_000L;
        public static final long MIN_TX_DEFAULT_MICROS = 10_000L;
        public static final long IDLE_TX_DEFAULT_MICROS = 1_000_000L;
        public static final int MULTIPLIER_DEFAULT = 5;
        public static final int TTL_DEFAULT_IPV4 = 255;
        public static final int HOPLIMIT_DEFAULT_IPV6 = 64;
    }
}
