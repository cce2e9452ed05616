package io.jkeepalived.netlink.rtnl;

/**
 * {@code enum macvlan_mode} of linux/if_link.h: how a macvlan forwards between itself and its siblings.
 * keepalived 2.2.7 creates its VMACs in {@link #PRIVATE} mode (no traffic between macvlans of one parent).
 */
public enum MacvlanMode {
    PRIVATE(1),
    VEPA(2),
    BRIDGE(4),
    PASSTHRU(8),
    SOURCE(16);

    private final int value;

    MacvlanMode(int value) {
        this.value = value;
    }

    /** IFLA_MACVLAN_MODE's value. */
    public int value() {
        return value;
    }

    /** The mode for a kernel value; unknown values are rejected (a newer kernel's mode is not guessed). */
    public static MacvlanMode of(long value) {
        for (MacvlanMode m : values()) {
            if (m.value == value) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown macvlan mode " + value);
    }
}
