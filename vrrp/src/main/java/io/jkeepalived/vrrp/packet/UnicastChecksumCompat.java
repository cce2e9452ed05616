package io.jkeepalived.vrrp.packet;

/**
 * keepalived's {@code chksum_compatibility_t}: keepalived up to 1.3.6 computed the VRRPv3 checksum of unicast
 * IPv4 adverts with the multicast group (224.0.0.18, or {@code vrrp_mcast_group4}) as pseudo-header destination
 * instead of the peer's address. {@code old_unicast_checksum} selects the old way, {@code old_unicast_checksum never}
 * forbids switching to it; by default an instance switches on the first advert that only checks the old way and
 * keepalived logs "(%s) Setting unicast VRRPv3 checksum to old version" ({@link #SWITCH_MESSAGE}).
 */
public enum UnicastChecksumCompat {
    /** Default: new checksum, switch to {@link #AUTO} when a peer uses the old one. */
    NONE,
    /** {@code old_unicast_checksum never}: new checksum only. */
    NEVER,
    /** {@code old_unicast_checksum}: old checksum. */
    CONFIG,
    /** Switched to the old checksum by a received advert. */
    AUTO;

    /** keepalived's log line when {@link #NONE} becomes {@link #AUTO}; {@code %s} is the instance name. */
    public static final String SWITCH_MESSAGE = "(%s) Setting unicast VRRPv3 checksum to old version";

    /** Whether the pseudo-header destination is the multicast group rather than the packet's destination. */
    public boolean old() {
        return this == CONFIG || this == AUTO;
    }
}
