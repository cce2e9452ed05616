package io.jkeepalived.conf.model.check;

/** lb_kind / lvs_method: IPVS's masquerading, direct routing or tunnelling. */
public enum ForwardingMethod {
    NAT, DR, TUN;

    /** The keepalived spelling; null when it isn't one (keepalived then reports and ignores it). */
    public static ForwardingMethod of(String s) {
        return switch (s) {
            case "NAT" -> NAT;
            case "DR" -> DR;
            case "TUN" -> TUN;
            default -> null;
        };
    }
}
