package io.jkeepalived.ipvs;

/**
 * Counters of a service or destination ({@code IPVS_STATS_ATTR_*} of ip_vs.h), from STATS64 when the kernel sends
 * it (4.1+), else from the 32-bit STATS. Rates are the kernel's estimates per second (bytes, packets, connections).
 */
public record IpvsStats(long connections, long inPackets, long outPackets, long inBytes, long outBytes,
                        long connectionRate, long inPacketRate, long outPacketRate, long inByteRate, long outByteRate) {
    public static final IpvsStats ZERO = new IpvsStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
