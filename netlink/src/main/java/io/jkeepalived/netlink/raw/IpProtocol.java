package io.jkeepalived.netlink.raw;

/**
 * The IP protocol a VRRP socket carries: VRRP itself (RFC 5798 §5.1.1.4 / RFC 3768 §5.2.4: protocol 112), or IPsec AH
 * (RFC 4302, protocol 51) for VRRPv2's {@code auth_type AH}, which keepalived sends as AH carrying VRRP.
 */
public enum IpProtocol {
    VRRP(112),
    AH(51);

    private final int number;

    IpProtocol(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The protocol with this number; anything else is rejected. */
    public static IpProtocol of(int number) {
        for (IpProtocol p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        throw new IllegalArgumentException("IP protocol " + number + " is not VRRP (112) or AH (51)");
    }
}
