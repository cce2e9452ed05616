package io.jkeepalived.vrrp.packet;

/**
 * The VRRP packet type nibble (RFC 3768 §5.3.2, RFC 5798 §5.2.2). Only ADVERTISEMENT (1) is defined; keepalived
 * calls it {@code VRRP_PKT_ADVERT}.
 */
public enum VrrpPacketType {
    ADVERTISEMENT(1);

    private final int wire;

    VrrpPacketType(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for any type other than 1 */
    public static VrrpPacketType of(int wire) {
        for (VrrpPacketType t : values()) {
            if (t.wire == wire) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown VRRP packet type " + wire);
    }
}
