package io.jkeepalived.vrrp.packet;

/**
 * The VRRP version nibble (RFC 3768 §5.1 "Version" = 2, RFC 5798 §5.2.1 "Version" = 3). keepalived's
 * {@code vrrp_version} keyword picks one per instance; the decoder rejects the other.
 */
public enum VrrpVersion {
    V2(2),
    V3(3);

    private final int wire;

    VrrpVersion(int wire) {
        this.wire = wire;
    }

    /** The value of the high nibble of the first VRRP octet. */
    public int wire() {
        return wire;
    }

    /**
     * @throws IllegalArgumentException for any value other than 2 or 3 (the decoder reports those as
     *         {@link RejectReason#WRONG_VERSION} before ever calling this)
     */
    public static VrrpVersion of(int wire) {
        for (VrrpVersion v : values()) {
            if (v.wire == wire) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown VRRP version " + wire);
    }
}
