package io.jkeepalived.daemon.lvs;

import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.ipvs.IpvsSyncDaemon;
import io.jkeepalived.ipvs.SyncState;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** {@code lvs_sync_daemon}'s settings as the kernel request carries them. */
final class SyncDaemons {
    private SyncDaemons() {
    }

    /**
     * The daemon in {@code state}; {@code syncId} is already resolved (the instance's VRID, or 0 without one).
     *
     * @throws IllegalArgumentException for a group that is not an address literal (the parser has checked it)
     */
    static IpvsSyncDaemon daemon(GlobalDefs.LvsSyncDaemon c, SyncState state, int syncId) {
        InetAddress group = null;
        if (c.group() != null) {
            try {
                // a literal, validated by the parser: no name lookup happens here
                group = InetAddress.getByName(c.group());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("lvs_sync_daemon group " + c.group() + " is not an address", e);
            }
        }
        return new IpvsSyncDaemon(state, c.interfaceName(), syncId, c.maxLen(), group, c.port(), c.ttl());
    }
}
