package io.jkeepalived.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A real server of a virtual service (IPVS_CMD_NEW_DEST / dumped by IPVS_CMD_GET_DEST).
 *
 * @param address          real server address; its family may differ from the service's only with TUNNEL
 * @param port             0..65535
 * @param forwarding       NAT (MASQ), DR (DIRECT_ROUTE), TUN (TUNNEL)
 * @param weight           0..Integer.MAX_VALUE; 0 takes the server out of scheduling (quiescent)
 * @param upperThreshold   connection upper threshold, 0 = none (u32)
 * @param lowerThreshold   connection lower threshold, 0 = none (u32)
 * @param tunnelType       encapsulation for TUNNEL (IPIP unless set)
 * @param tunnelPort       UDP port for GUE, else 0
 * @param tunnelChecksum   checksum mode for GUE/GRE
 * @param activeConnections   read-only counter from dumps (0 in requests)
 * @param inactiveConnections read-only counter from dumps
 * @param persistentConnections read-only counter from dumps
 * @param stats            counters, only in dumps (null in requests)
 */
public record IpvsDestination(InetAddress address, int port, ForwardingMethod forwarding, int weight,
                              long upperThreshold, long lowerThreshold,
                              TunnelType tunnelType, int tunnelPort, TunnelChecksum tunnelChecksum,
                              long activeConnections, long inactiveConnections, long persistentConnections,
                              IpvsStats stats) {
    public IpvsDestination {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(tunnelType, "tunnelType");
        Objects.requireNonNull(tunnelChecksum, "tunnelChecksum");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (tunnelPort < 0 || tunnelPort > 0xffff) {
            throw new IllegalArgumentException("tunnel port out of range: " + tunnelPort);
        }
        if (weight < 0) {
            throw new IllegalArgumentException("weight must not be negative: " + weight);
        }
        checkU32("upper threshold", upperThreshold);
        checkU32("lower threshold", lowerThreshold);
    }

    private static void checkU32(String what, long v) {
        if (v < 0 || v > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }

    /** A destination with weight 1, no thresholds and IPIP for tunnels (ipvsadm's defaults). */
    public static IpvsDestination of(InetAddress address, int port, ForwardingMethod forwarding) {
        return new IpvsDestination(address, port, forwarding, 1, 0, 0, TunnelType.IPIP, 0, TunnelChecksum.NOCSUM, 0, 0, 0, null);
    }

    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    public IpvsDestination withWeight(int newWeight) {
        return new IpvsDestination(address, port, forwarding, newWeight, upperThreshold, lowerThreshold, tunnelType, tunnelPort,
                tunnelChecksum, activeConnections, inactiveConnections, persistentConnections, stats);
    }

    public IpvsDestination withForwarding(ForwardingMethod newForwarding) {
        return new IpvsDestination(address, port, newForwarding, weight, upperThreshold, lowerThreshold, tunnelType, tunnelPort,
                tunnelChecksum, activeConnections, inactiveConnections, persistentConnections, stats);
    }

    public IpvsDestination withThresholds(long upper, long lower) {
        return new IpvsDestination(address, port, forwarding, weight, upper, lower, tunnelType, tunnelPort,
                tunnelChecksum, activeConnections, inactiveConnections, persistentConnections, stats);
    }

    public IpvsDestination withTunnel(TunnelType type, int udpPort, TunnelChecksum checksum) {
        return new IpvsDestination(address, port, forwarding, weight, upperThreshold, lowerThreshold, type, udpPort,
                checksum, activeConnections, inactiveConnections, persistentConnections, stats);
    }

    /** This destination with {@code newStats} (as a dump reports it). */
    public IpvsDestination withStats(IpvsStats newStats) {
        return new IpvsDestination(address, port, forwarding, weight, upperThreshold, lowerThreshold, tunnelType, tunnelPort,
                tunnelChecksum, activeConnections, inactiveConnections, persistentConnections, newStats);
    }

    /** This destination as a request carries it: without counters. */
    public IpvsDestination withoutCounters() {
        return new IpvsDestination(address, port, forwarding, weight, upperThreshold, lowerThreshold, tunnelType, tunnelPort,
                tunnelChecksum, 0, 0, 0, null);
    }

    @Override
    public String toString() {
        return IpvsServiceKey.hostPort(address, port) + " " + forwarding.keepalivedName() + " weight " + weight;
    }
}
