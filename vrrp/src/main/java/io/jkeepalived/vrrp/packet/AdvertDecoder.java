package io.jkeepalived.vrrp.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Checks and decodes received packets for one VRRP instance, in keepalived 2.2.7's order and with its verdicts
 * ({@code vrrp_get_header}, {@code vrrp_dispatcher_read}, {@code vrrp_check_packet}, {@code vrrp_in_chk_ipsecah}).
 * Pure apart from its counters and the AH sequence counter, which it updates as keepalived does; never throws on
 * packet content: every problem is a {@link Rejection}, counted in {@link #counters()}.
 * Not thread safe: one instance, one receiving thread.
 */
public final class AdvertDecoder {
    /** {@code INADDR_VRRP_GROUP} (RFC 3768 §5.2.2, RFC 5798 §5.1.1.2). */
    public static final Inet4Address DEFAULT_GROUP4 = group4();
    private static final int IPV4_MULTICAST_FIRST_OCTET_MIN = 224;
    private static final int IPV4_MULTICAST_FIRST_OCTET_MAX = 239;

    private AdvertExpectation expectation;
    private final RejectCounters counters = new RejectCounters();
    private final AhSequence ahSequence = new AhSequence();
    private UnicastChecksumCompat unicastChecksum = UnicastChecksumCompat.NONE;
    private Inet4Address multicastGroup4 = DEFAULT_GROUP4;

    public AdvertDecoder(AdvertExpectation expectation) {
        this.expectation = Objects.requireNonNull(expectation, "expectation");
    }

    /** A reload changes what the instance expects; counters and the AH sequence carry over as in keepalived. */
    public void expect(AdvertExpectation newExpectation) {
        this.expectation = Objects.requireNonNull(newExpectation, "newExpectation");
    }

    /**
     * Sets {@code old_unicast_checksum} of the instance and the global {@code vrrp_mcast_group4}, which the old
     * VRRPv3 unicast checksum puts in its pseudo-header.
     */
    public void configureUnicastChecksum(UnicastChecksumCompat mode, Inet4Address vrrpMcastGroup4) {
        this.unicastChecksum = Objects.requireNonNull(mode, "mode");
        this.multicastGroup4 = Objects.requireNonNull(vrrpMcastGroup4, "vrrpMcastGroup4");
    }

    /**
     * The current VRRPv3 unicast checksum mode; it turns from NONE to AUTO when a decode met an old-style peer
     * (then the engine logs {@link UnicastChecksumCompat#SWITCH_MESSAGE} and sends with
     * {@link AdvertEncoder#ipv4(Advert, Ipv4Envelope, Inet4Address)} and the group).
     */
    public UnicastChecksumCompat unicastChecksum() {
        return unicastChecksum;
    }

    public AdvertExpectation expectation() {
        return expectation;
    }

    public RejectCounters counters() {
        return counters;
    }

    /** The instance's AH counter, shared with sending ({@link AhSequence#nextToSend()}). */
    public AhSequence ahSequence() {
        return ahSequence;
    }

    /**
     * The VRID of a received packet, for the dispatcher to pick the instance; empty when the packet is too short to
     * hold one (keepalived's {@code vrrp_get_header} then logs "too short" and reads nothing) or its IPv4 header
     * length is below 20.
     *
     * @param ipv4 whether {@code packet} starts with an IPv4 header (else it is an IPv6 payload)
     */
    public static OptionalInt peekVrid(byte[] packet, boolean ipv4) {
        int at = ipv4 ? vrrpOffset(packet) : (packet.length >= VrrpMessage.HEADER_LENGTH ? 0 : -1);
        return at < 0 ? OptionalInt.empty() : OptionalInt.of(packet[at + VrrpMessage.OFF_VRID] & 0xff);
    }

    /** Where the VRRP header starts in an IPv4 packet, or -1 when the packet is too short or the IHL bogus. */
    private static int vrrpOffset(byte[] packet) {
        if (packet.length < Ipv4Header.LENGTH) {
            return -1;
        }
        int ihl = (packet[Ipv4Header.OFF_VERSION_IHL] & 0x0f) << 2;
        if (ihl < Ipv4Header.LENGTH) {
            return -1;
        }
        int at = ihl;
        if ((packet[Ipv4Header.OFF_PROTOCOL] & 0xff) == Ipv4Header.PROTOCOL_AH) {
            at += IpsecAhHeader.LENGTH;
        }
        return packet.length < at + VrrpMessage.HEADER_LENGTH ? -1 : at;
    }

    /** {@link #decodeIpv4(byte[], boolean)} on the remaining octets of {@code packet} (not consumed). */
    public DecodeResult decodeIpv4(ByteBuffer packet, boolean checkVipAddresses) {
        byte[] copy = new byte[packet.remaining()];
        packet.duplicate().order(ByteOrder.BIG_ENDIAN).get(copy);
        return decodeIpv4(copy, checkVipAddresses);
    }

    /**
     * Decodes an IPv4 packet as read from a raw socket, IPv4 header included.
     *
     * @param checkVipAddresses keepalived's {@code check_vip_addr}: false only in BACKUP with
     *                          {@code skip_check_adv_addr} for an advert from the current master
     */
    public DecodeResult decodeIpv4(byte[] packet, boolean checkVipAddresses) {
        DecodeResult r = checkIpv4(packet, checkVipAddresses);
        if (r instanceof Rejection rejection) {
            counters.reject(rejection.reason());
        }
        return r;
    }

    /**
     * Decodes the VRRP message of an IPv6 packet (what a raw IPv6 socket returns) with the addresses and hop limit
     * from the ancillary data.
     *
     * @throws IllegalStateException if the expectation has authentication: keepalived never sends it over IPv6
     */
    public DecodeResult decodeIpv6(byte[] message, Ipv6Envelope envelope, boolean checkVipAddresses) {
        if (expectation.authType() != AuthType.NONE) {
            throw new IllegalStateException("authentication is not available with IPv6");
        }
        DecodeResult r = checkIpv6(message, envelope, checkVipAddresses);
        if (r instanceof Rejection rejection) {
            counters.reject(rejection.reason());
        }
        return r;
    }

    private DecodeResult checkIpv4(byte[] packet, boolean checkVips) {
        AdvertExpectation exp = expectation;
        int len = packet.length;
        // vrrp_get_header: the IP header, the AH header if announced, and the fixed VRRP header must be there.
        if (len < Ipv4Header.LENGTH) {
            return Rejection.of(RejectReason.TOO_SHORT_IPV4, len);
        }
        Ipv4Header ip = Ipv4Header.decode(packet);
        if (len < ip.headerLength + VrrpMessage.HEADER_LENGTH) {
            return Rejection.of(RejectReason.TOO_SHORT_IPV4, len);
        }
        boolean hasAh = ip.protocol == Ipv4Header.PROTOCOL_AH;
        if (hasAh && len < ip.headerLength + IpsecAhHeader.LENGTH + VrrpMessage.HEADER_LENGTH) {
            return Rejection.of(RejectReason.TOO_SHORT_AH, len);
        }
        // A header shorter than 20 octets would put the VRRP header inside the IP header; a raw socket never
        // delivers one, so this is a corrupted buffer rather than something keepalived has an answer for.
        if (ip.version != 4 || ip.headerLength < Ipv4Header.LENGTH) {
            return Rejection.of(RejectReason.BAD_IP_HEADER, ip.version, ip.headerLength);
        }
        int hdOff = ip.headerLength + (hasAh ? IpsecAhHeader.LENGTH : 0);
        VrrpMessage hd = VrrpMessage.decodeHeader(packet, hdOff);

        if (hd.vrid != exp.vrid()) {
            return Rejection.of(RejectReason.UNKNOWN_VRID, hd.vrid);
        }
        if (hasAh != (exp.authType() == AuthType.AH)) {
            return Rejection.of(hasAh ? RejectReason.AH_HEADER_UNEXPECTED : RejectReason.AH_HEADER_MISSING);
        }
        int expectedLen = hdOff + VrrpMessage.expectedLength(hd.version, hd.count, true);
        if (len != expectedLen) {
            return Rejection.of(RejectReason.PACKET_LENGTH, len > expectedLen ? "long" : "short", len, expectedLen);
        }
        if (!exp.unicast() && ip.ttl != Ipv4Envelope.VRRP_TTL) {
            return Rejection.of(RejectReason.TTL, ip.ttl, Ipv4Envelope.VRRP_TTL);
        }
        if (hd.version != exp.version().wire()) {
            return Rejection.of(RejectReason.WRONG_VERSION, hd.version, exp.version().wire());
        }
        OptionalLong ahSeq = OptionalLong.empty();
        if (exp.version() == VrrpVersion.V2) {
            Rejection auth = checkV2Auth(packet, ip, hd, exp);
            if (auth != null) {
                return auth;
            }
            if (hasAh) {
                IpsecAhHeader ah = IpsecAhHeader.decode(packet, ip.headerLength);
                if (ah.nextHeader != Ipv4Header.PROTOCOL_VRRP) {
                    return Rejection.of(RejectReason.AH_NOT_VRRP, ah.nextHeader);
                }
                Rejection bad = checkAh(packet, ip, ah, exp);
                if (bad != null) {
                    return bad;
                }
                ahSeq = OptionalLong.of(ah.sequence);
            }
            Rejection interval = checkV2Interval(hd, exp);
            if (interval != null) {
                return interval;
            }
        }
        if (hd.type != VrrpPacketType.ADVERTISEMENT.wire()) {
            return Rejection.of(RejectReason.INVALID_TYPE, hd.type, VrrpPacketType.ADVERTISEMENT.wire());
        }
        if (checkVips && hd.count != exp.vips().size()) {
            return Rejection.of(RejectReason.ADDRESS_COUNT, hd.count, exp.vips().size());
        }
        if (ip.totalLength != len) {
            return Rejection.of(RejectReason.IP_TOTAL_LENGTH, ip.totalLength, len);
        }
        int vrrpLen = len - hdOff;
        if (hd.version == VrrpVersion.V3.wire()) {
            Inet4Address pseudoDst = unicastChecksum.old() ? multicastGroup4 : ip.destination;
            if (!v3ChecksumGood(packet, hdOff, vrrpLen, ip.source, pseudoDst)) {
                // keepalived 1.3.6 and older summed unicast adverts with the group address: accept those once
                // and use the old way from then on, unless configured otherwise
                boolean oldPeer = exp.unicast() && unicastChecksum == UnicastChecksumCompat.NONE
                        && !pseudoDst.equals(multicastGroup4)
                        && v3ChecksumGood(packet, hdOff, vrrpLen, ip.source, multicastGroup4);
                if (!oldPeer) {
                    return Rejection.of(RejectReason.BAD_CHECKSUM, hd.version);
                }
                unicastChecksum = UnicastChecksumCompat.AUTO;
            }
        } else if (InternetChecksum.of(packet, hdOff, vrrpLen) != 0) {
            return Rejection.of(RejectReason.BAD_CHECKSUM, hd.version);
        }
        boolean multicast = isMulticast(ip.destination);
        if (multicast == exp.unicast()) {
            return Rejection.of(RejectReason.CAST_MISMATCH, exp.unicast() ? "un" : "mult", multicast ? "mult" : "un");
        }
        Ipv4Envelope envelope = new Ipv4Envelope(ip.source, ip.destination, ip.ttl, ip.tos, ip.identification);
        return accept(packet, hdOff, hd, true, envelope, checkVips, ahSeq);
    }

    private Rejection checkV2Auth(byte[] packet, Ipv4Header ip, VrrpMessage hd, AdvertExpectation exp) {
        if (hd.v2AuthType > AuthType.AH.wire()) {
            return Rejection.of(RejectReason.INVALID_AUTH_TYPE, hd.v2AuthType);
        }
        if (hd.v2AuthType != exp.authType().wire()) {
            return Rejection.of(RejectReason.AUTH_TYPE_MISMATCH, hd.v2AuthType, exp.authType().wire());
        }
        if (exp.authType() == AuthType.PASS) {
            // keepalived reads the password at tot_len - 8 from the start of the IP packet, before checking
            // tot_len against the received length; a wrong tot_len therefore reads the wrong octets (here: an
            // out-of-range position is simply a wrong password).
            int pw = ip.totalLength - AuthData.LENGTH;
            if (pw < 0 || pw + AuthData.LENGTH > packet.length || !exp.authData().matches(packet, pw)) {
                return Rejection.of(RejectReason.INVALID_PASSWORD);
            }
        }
        return null;
    }

    private Rejection checkAh(byte[] packet, Ipv4Header ip, IpsecAhHeader ah, AdvertExpectation exp) {
        if (!IpsecAhHeader.verify(packet, ip.headerLength, exp.authData(), exp.unicast())) {
            return Rejection.of(RejectReason.AH_INVALID_ICV);
        }
        int saddr = ByteBuffer.wrap(ip.source.getAddress()).order(ByteOrder.BIG_ENDIAN).getInt();
        if (ah.spi != saddr) {
            // keepalived prints both network-order values with %u on a little-endian host
            return Rejection.of(RejectReason.AH_INVALID_SPI, Integer.toUnsignedLong(Integer.reverseBytes(saddr)),
                    Integer.toUnsignedLong(Integer.reverseBytes(ah.spi)));
        }
        long local = ahSequence.number();
        if (!ahSequence.acceptReceived(ah.sequence)) {
            return Rejection.of(RejectReason.AH_REPLAYED, ah.sequence, local);
        }
        return null;
    }

    private static Rejection checkV2Interval(VrrpMessage hd, AdvertExpectation exp) {
        if (!exp.adverInt().equals(Duration.ofSeconds(hd.v2AdverInt))) {
            return Rejection.of(RejectReason.ADVERT_INTERVAL_MISMATCH, exp.adverInt().toSeconds(), hd.v2AdverInt);
        }
        return null;
    }

    private DecodeResult checkIpv6(byte[] message, Ipv6Envelope env, boolean checkVips) {
        AdvertExpectation exp = expectation;
        int len = message.length;
        if (len < VrrpMessage.HEADER_LENGTH) {
            return Rejection.of(RejectReason.TOO_SHORT_IPV6, len);
        }
        VrrpMessage hd = VrrpMessage.decodeHeader(message, 0);
        if (hd.vrid != exp.vrid()) {
            return Rejection.of(RejectReason.UNKNOWN_VRID, hd.vrid);
        }
        boolean multicast = env.destination().isMulticastAddress();
        if (multicast == exp.unicast()) {
            // vrrp_dispatcher_read discards these for IPv6 before vrrp_check_packet could say CAST_MISMATCH
            return Rejection.of(RejectReason.DISCARDED_CAST, multicast ? "mult" : "un", exp.unicast() ? "un" : "mult");
        }
        int expectedLen = VrrpMessage.expectedLength(hd.version, hd.count, false);
        if (len != expectedLen) {
            return Rejection.of(RejectReason.PACKET_LENGTH, len > expectedLen ? "long" : "short", len, expectedLen);
        }
        if (!exp.unicast() && env.ttl() != -1 && env.ttl() != Ipv4Envelope.VRRP_TTL) {
            return Rejection.of(RejectReason.TTL, env.ttl(), Ipv4Envelope.VRRP_TTL);
        }
        if (hd.version != exp.version().wire()) {
            return Rejection.of(RejectReason.WRONG_VERSION, hd.version, exp.version().wire());
        }
        if (exp.version() == VrrpVersion.V2) {
            if (hd.v2AuthType > AuthType.AH.wire()) {
                return Rejection.of(RejectReason.INVALID_AUTH_TYPE, hd.v2AuthType);
            }
            if (hd.v2AuthType != exp.authType().wire()) {
                return Rejection.of(RejectReason.AUTH_TYPE_MISMATCH, hd.v2AuthType, exp.authType().wire());
            }
            Rejection interval = checkV2Interval(hd, exp);
            if (interval != null) {
                return interval;
            }
        }
        if (hd.type != VrrpPacketType.ADVERTISEMENT.wire()) {
            return Rejection.of(RejectReason.INVALID_TYPE, hd.type, VrrpPacketType.ADVERTISEMENT.wire());
        }
        if (checkVips && hd.count != exp.vips().size()) {
            return Rejection.of(RejectReason.ADDRESS_COUNT, hd.count, exp.vips().size());
        }
        // keepalived lets the kernel verify this (IPV6_CHECKSUM) and never sees a bad one; checking here keeps
        // the codec correct whatever the socket does.
        byte[] pseudo = PseudoHeader.ipv6(env.source(), env.destination(), len);
        long sum = InternetChecksum.add(0, pseudo, 0, pseudo.length);
        if (InternetChecksum.finish(InternetChecksum.add(sum, message, 0, len)) != 0) {
            return Rejection.of(RejectReason.BAD_CHECKSUM, hd.version);
        }
        return accept(message, 0, hd, false, env, checkVips, OptionalLong.empty());
    }

    /** The tail of {@code vrrp_check_packet}, after the advert has been counted as received. */
    private DecodeResult accept(byte[] packet, int hdOff, VrrpMessage hd, boolean ipv4, Envelope envelope,
                                boolean checkVips, OptionalLong ahSeq) {
        AdvertExpectation exp = expectation;
        counters.countAdvert();
        List<InetAddress> addresses = VrrpMessage.addresses(packet, hdOff, hd.count, ipv4);
        if (checkVips) {
            for (InetAddress vip : exp.vips()) {
                if (!addresses.contains(vip)) {
                    return Rejection.of(RejectReason.VIP_MISSING, exp.vrid(), vip.getHostAddress());
                }
            }
            if (exp.unicast() && exp.checkUnicastSource()) {
                UnicastPeer peer = null;
                for (UnicastPeer p : exp.unicastPeers()) {
                    if (p.address().equals(envelope.source())) {
                        peer = p;
                        break;
                    }
                }
                if (peer == null) {
                    return Rejection.of(RejectReason.UNICAST_SOURCE_NOT_PEER, envelope.source().getHostAddress());
                }
                int ttl = envelope.ttl();
                if (ttl != -1 && (ttl < peer.minTtl() || ttl > peer.maxTtl())) {
                    return Rejection.of(RejectReason.UNICAST_TTL_RANGE, ttl, peer.minTtl(), peer.maxTtl());
                }
            }
        }
        if (hd.priority == 0) {
            counters.countPriorityZero();
        }
        Advert advert;
        if (hd.version == VrrpVersion.V2.wire()) {
            AuthData data = AuthData.ZERO;
            if (ipv4) {
                int at = hdOff + VrrpMessage.OFF_ADDRESSES + hd.count * VrrpMessage.addressLength(true);
                data = AuthData.of(Arrays.copyOfRange(packet, at, at + AuthData.LENGTH));
            }
            advert = Advert.v2(hd.vrid, hd.priority, hd.v2AdverInt, AuthType.of(hd.v2AuthType), data, addresses);
        } else {
            advert = Advert.v3(hd.vrid, hd.priority, hd.v3AdverInt, addresses);
        }
        return new ReceivedAdvert(advert, envelope, ahSeq);
    }

    private static boolean v3ChecksumGood(byte[] packet, int hdOff, int vrrpLen, Inet4Address src, Inet4Address dst) {
        byte[] pseudo = PseudoHeader.ipv4(src, dst, vrrpLen);
        long sum = InternetChecksum.add(0, pseudo, 0, pseudo.length);
        return InternetChecksum.finish(InternetChecksum.add(sum, packet, hdOff, vrrpLen)) == 0;
    }

    private static Inet4Address group4() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) 224, 0, 0, 18});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean isMulticast(Inet4Address a) {
        int first = a.getAddress()[0] & 0xff;
        return first >= IPV4_MULTICAST_FIRST_OCTET_MIN && first <= IPV4_MULTICAST_FIRST_OCTET_MAX;
    }
}
