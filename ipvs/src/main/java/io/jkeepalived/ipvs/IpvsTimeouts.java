package io.jkeepalived.ipvs;

/**
 * Connection timeouts in seconds ({@code IPVS_CMD_ATTR_TIMEOUT_*}; ipvsadm --set tcp tcpfin udp). In a
 * SET_CONFIG request 0 leaves that timeout unchanged (the request then omits it).
 */
public record IpvsTimeouts(int tcp, int tcpFin, int udp) {
    public IpvsTimeouts {
        if (tcp < 0 || tcpFin < 0 || udp < 0) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
    }
}
