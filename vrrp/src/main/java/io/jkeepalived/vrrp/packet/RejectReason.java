package io.jkeepalived.vrrp.packet;

/**
 * Why a received packet is not a usable advert, in the order keepalived 2.2.7 checks ({@code vrrp_get_header},
 * the VRID lookup in {@code vrrp_dispatcher_read}, then {@code vrrp_check_packet} and {@code vrrp_in_chk_ipsecah}).
 *
 * <p>Each reason carries keepalived's log line as a {@link java.util.Formatter} template: {@code %1$s} is the name
 * keepalived prints (the instance name, or the interface name for {@link #UNKNOWN_VRID}), the other arguments are
 * those of the {@link Rejection}. {@link #keepalivedStat()} names the {@code vrrp_stats} field keepalived counts the
 * reason in (null when it counts it nowhere).
 */
public enum RejectReason {
    // vrrp_get_header
    TOO_SHORT_IPV4("IPv4 VRRP packet too short - %2$d bytes", null, Log.ALWAYS),
    TOO_SHORT_AH("IPv4 VRRP packet with AH too short - %2$d bytes", null, Log.ALWAYS),
    TOO_SHORT_IPV6("IPv6 VRRP packet too short - %2$d bytes", null, Log.ALWAYS),
    /** jkeepalived's own: the kernel never delivers such a header, keepalived would read past it blindly. */
    BAD_IP_HEADER("IPv4 VRRP packet with invalid IP header - version %2$d, header length %3$d", null, Log.ALWAYS),
    // vrrp_dispatcher_read
    UNKNOWN_VRID("Unknown VRID(%2$d) received on interface(%1$s). ignoring...", null, Log.IF_LOG_UNKNOWN_VRIDS),
    DISCARDED_CAST("(%1$s) discarding %2$sicast packet on %3$sicast instance", null, Log.IF_LOG_DETAIL),
    // vrrp_check_packet
    /**
     * keepalived reads AH and VRRP packets on separate sockets, each knowing only the instances of its own
     * protocol, so in practice it says {@link #UNKNOWN_VRID} for these two; they are what the instance's check
     * says when a packet reaches it anyway.
     */
    AH_HEADER_UNEXPECTED("(%1$s) Received AH header but auth type not AH", "authtype_mismatch", Log.ALWAYS),
    AH_HEADER_MISSING("(%1$s) No AH header but auth type is AH", "authtype_mismatch", Log.ALWAYS),
    PACKET_LENGTH("(%1$s) vrrp packet too %2$s, length %3$d and expect %4$d", "packet_len_err", Log.ALWAYS),
    TTL("(%1$s) invalid TTL/HL. Received %2$d and expect %3$d", "ip_ttl_err", Log.ALWAYS),
    WRONG_VERSION("(%1$s) wrong version. Received %2$d and expect %3$d", "vers_err", Log.ALWAYS),
    INVALID_AUTH_TYPE("(%1$s) Invalid auth type: %2$d", "invalid_authtype", Log.ALWAYS),
    AUTH_TYPE_MISMATCH("(%1$s) received a %2$d auth, expecting %3$d!", "authtype_mismatch", Log.ALWAYS),
    INVALID_PASSWORD("(%1$s) received an invalid passwd!", "auth_failure", Log.ALWAYS),
    /** keepalived drops an AH header for another protocol silently. */
    AH_NOT_VRRP("(%1$s) IPSEC-AH : next header %2$d is not VRRP, ignoring", null, Log.NEVER),
    AH_INVALID_ICV("(%1$s) IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !",
            "auth_failure", Log.ALWAYS),
    /** The two numbers are the raw address octets read as a little-endian integer, exactly as keepalived prints. */
    AH_INVALID_SPI("IPSEC AH : invalid IPSEC SPI value. %2$d and expect %3$d", "auth_failure", Log.ALWAYS),
    AH_REPLAYED("(%1$s) IPSEC-AH : sequence number %2$d already processed. Packet dropped. Local(%3$d)",
            "auth_failure", Log.ALWAYS),
    /** keepalived drops the advert ("to prevent concurent VRID running") and counts it nowhere. */
    ADVERT_INTERVAL_MISMATCH("(%1$s) advertisement interval mismatch mine=%2$d sec rcv'd=%3$d sec", null, Log.ALWAYS),
    INVALID_TYPE("(%1$s) Invalid packet type. %2$d and expect %3$d", "invalid_type_rcvd", Log.ALWAYS),
    ADDRESS_COUNT("(%1$s) received an unexpected ip number count %2$d, expected %3$d!", "addr_list_err", Log.ALWAYS),
    IP_TOTAL_LENGTH("(%1$s) ip_tot_len mismatch against received length. %2$d and received %3$d", "packet_len_err",
            Log.ALWAYS),
    BAD_CHECKSUM("(%1$s) Invalid VRRPv%2$d checksum", "chk_err", Log.ALWAYS),
    CAST_MISMATCH("(%1$s) Expected %2$sicast packet but received %3$sicast packet", "addr_list_err", Log.ALWAYS),
    VIP_MISSING("(%1$s) ip address associated with VRID %2$d not present in MASTER advert: %3$s", "addr_list_err",
            Log.ALWAYS),
    UNICAST_SOURCE_NOT_PEER("(%1$s) unicast source address %2$s not a unicast peer", null, Log.ALWAYS),
    UNICAST_TTL_RANGE("(%1$s) TTL/HL %2$d not in range %3$d - %4$d", "ip_ttl_err", Log.ALWAYS),
    /**
     * jkeepalived's own: handling the packet threw (a bug in a decoder or the engine, on input nobody foresaw); the
     * packet is dropped and the VRRP thread goes on. Counted by the edge, which logs it rate-limited itself.
     */
    HANDLING_FAILED("(%1$s) failed to handle a received packet: %2$s", null, Log.NEVER);

    /** When keepalived writes the line. */
    public enum Log {
        ALWAYS,
        /** Only with {@code log_unknown_vrids} in global_defs. */
        IF_LOG_UNKNOWN_VRIDS,
        /** Only with detailed logging ({@code -D}). */
        IF_LOG_DETAIL,
        NEVER
    }

    private final String template;
    private final String keepalivedStat;
    private final Log log;

    RejectReason(String template, String keepalivedStat, Log log) {
        this.template = template;
        this.keepalivedStat = keepalivedStat;
        this.log = log;
    }

    public String template() {
        return template;
    }

    public String keepalivedStat() {
        return keepalivedStat;
    }

    public Log log() {
        return log;
    }
}
