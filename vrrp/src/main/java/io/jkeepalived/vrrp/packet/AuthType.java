package io.jkeepalived.vrrp.packet;

/**
 * VRRPv2 "Auth Type" octet (RFC 3768 §5.3.6, which keeps the values of RFC 2338 §5.3.6 reserved), with keepalived's
 * meaning: {@code auth_type PASS} sends the password in the 8 octets of "Authentication Data", {@code auth_type AH}
 * puts an IPsec AH header (RFC 2402) between the IPv4 header and the VRRP message. VRRPv3 has no such field.
 */
public enum AuthType {
    /** {@code VRRP_AUTH_NONE}. */
    NONE(0),
    /** {@code VRRP_AUTH_PASS}: simple text password. */
    PASS(1),
    /** {@code VRRP_AUTH_AH}: IPsec authentication header, HMAC-MD5-96. */
    AH(2);

    private final int wire;

    AuthType(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /**
     * @throws IllegalArgumentException for values other than 0, 1, 2 (the decoder reports those as
     *         {@link RejectReason#INVALID_AUTH_TYPE})
     */
    public static AuthType of(int wire) {
        for (AuthType t : values()) {
            if (t.wire == wire) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown VRRP auth type " + wire);
    }
}
