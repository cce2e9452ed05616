package io.jkeepalived.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A connection-synchronisation daemon (keepalived {@code lvs_sync_daemon}; IPVS_CMD_NEW_DAEMON).
 *
 * @param state          MASTER sends, BACKUP receives
 * @param interfaceName  multicast interface (1..15 bytes)
 * @param syncId         sync id (keepalived: the VRID), 0..255 used in practice
 * @param maxLength      UDP payload size, 0 = kernel default
 * @param group          multicast group, null = kernel default (224.0.0.81)
 * @param port           multicast base port (host order in the attribute), 0 = default 8848
 * @param ttl            multicast TTL, 0 = default 1
 */
public record IpvsSyncDaemon(SyncState state, String interfaceName, int syncId, int maxLength, InetAddress group,
                             int port, int ttl) {
    public static final int IFNAME_MAXLEN = 16;

    public IpvsSyncDaemon {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(interfaceName, "interfaceName");
        int n = interfaceName.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (n == 0 || n >= IFNAME_MAXLEN) {
            throw new IllegalArgumentException("interface name must be 1.." + (IFNAME_MAXLEN - 1) + " bytes: '" + interfaceName + "'");
        }
        if (maxLength < 0 || maxLength > 0xffff || port < 0 || port > 0xffff || ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("sync daemon max length, port or ttl out of range");
        }
    }

    public static IpvsSyncDaemon of(SyncState state, String interfaceName, int syncId) {
        return new IpvsSyncDaemon(state, interfaceName, syncId, 0, null, 0, 0);
    }
}
