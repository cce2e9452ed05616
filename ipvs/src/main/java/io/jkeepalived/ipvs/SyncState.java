package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.NetlinkFormatException;

/** The role of a connection-sync daemon, {@code IP_VS_STATE_MASTER / BACKUP} of ip_vs.h ({@code IPVS_DAEMON_ATTR_STATE}). */
public enum SyncState {
    MASTER(1),
    BACKUP(2);

    private final int code;

    SyncState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static SyncState fromCode(long code) throws NetlinkFormatException {
        for (SyncState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new NetlinkFormatException("unknown IPVS sync daemon state " + code + " (expected MASTER 1 or BACKUP 2)");
    }
}
