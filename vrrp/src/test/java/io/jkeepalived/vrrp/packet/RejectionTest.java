package io.jkeepalived.vrrp.packet;

import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.jkeepalived.vrrp.packet.GoldenCaptureTest.accepted;
import static io.jkeepalived.vrrp.packet.GoldenCaptureTest.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every rejection reason, with keepalived's log line, in keepalived's order of checks. */
class RejectionTest {
    private static final Inet4Address SRC = Golden.v4("198.51.100.1");
    private static final Inet4Address PEER = Golden.v4("198.51.100.2");
    private static final Inet4Address GROUP = Golden.v4("224.0.0.18");
    private static final Inet4Address VIP = Golden.v4("198.51.100.100");
    private static final AuthData PASS = AuthData.fromPassword("secret");
    private static final String NAME = "VI_1";

    private static final Advert V2_PASS = Advert.v2(51, 100, 1, AuthType.PASS, PASS, List.of(VIP));
    private static final Advert V2_AH = Advert.v2(51, 100, 1, AuthType.AH, AuthData.ZERO, List.of(VIP));
    private static final Advert V2_NONE = Advert.v2(51, 100, 1, AuthType.NONE, AuthData.ZERO, List.of(VIP));
    private static final Advert V3 = Advert.v3(51, 100, 100, List.of(VIP));

    private static final AdvertExpectation EXP_V2_NONE =
            AdvertExpectation.multicast(VrrpVersion.V2, 51, Duration.ofSeconds(1), List.of(VIP));
    private static final AdvertExpectation EXP_V2_PASS = EXP_V2_NONE.withAuth(AuthType.PASS, PASS);
    private static final AdvertExpectation EXP_V2_AH = EXP_V2_NONE.withAuth(AuthType.AH, PASS);
    private static final AdvertExpectation EXP_V3 =
            AdvertExpectation.multicast(VrrpVersion.V3, 51, Duration.ofSeconds(1), List.of(VIP));

    private static byte[] v2Pass() {
        return AdvertEncoder.ipv4(V2_PASS, Ipv4Envelope.of(SRC, GROUP, 1));
    }

    private static byte[] v3() {
        return AdvertEncoder.ipv4(V3, Ipv4Envelope.of(SRC, GROUP, 1));
    }

    private static byte[] v2Ah(long seq) {
        return AdvertEncoder.ipv4Ah(V2_AH, Ipv4Envelope.of(SRC, GROUP, 1), PASS, seq, false);
    }

    /** Recomputes the VRRP checksum after a test changed the message, so that later checks are reached. */
    private static byte[] fixChecksum(byte[] p, int hdOff, boolean v3) {
        p[hdOff + 6] = 0;
        p[hdOff + 7] = 0;
        long sum = 0;
        if (v3) {
            byte[] pseudo = PseudoHeader.ipv4(Ipv4Header.decode(p).source, Ipv4Header.decode(p).destination,
                    p.length - hdOff);
            sum = InternetChecksum.add(0, pseudo, 0, pseudo.length);
        }
        int c = InternetChecksum.finish(InternetChecksum.add(sum, p, hdOff, p.length - hdOff));
        p[hdOff + 6] = (byte) (c >> 8);
        p[hdOff + 7] = (byte) c;
        return p;
    }

    private static Rejection reject(AdvertExpectation exp, byte[] packet, RejectReason reason, String message) {
        AdvertDecoder d = new AdvertDecoder(exp);
        Rejection r = rejected(d.decodeIpv4(packet, true));
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.message(NAME)).isEqualTo(message);
        assertThat(d.counters().rejected(reason)).isEqualTo(1);
        assertThat(d.counters().rejectedTotal()).isEqualTo(1);
        return r;
    }

    @Test
    void tooShort() {
        reject(EXP_V2_PASS, new byte[10], RejectReason.TOO_SHORT_IPV4, "IPv4 VRRP packet too short - 10 bytes");
        reject(EXP_V2_PASS, Arrays.copyOf(v2Pass(), 27), RejectReason.TOO_SHORT_IPV4,
                "IPv4 VRRP packet too short - 27 bytes");
        reject(EXP_V2_AH, Arrays.copyOf(v2Ah(1), 51), RejectReason.TOO_SHORT_AH,
                "IPv4 VRRP packet with AH too short - 51 bytes");
        Rejection r = rejected(new AdvertDecoder(EXP_V3).decodeIpv6(new byte[7],
                new Ipv6Envelope(Golden.v6("fe80::1"), Golden.v6("ff02::12"), 255), true));
        assertThat(r.message(NAME)).isEqualTo("IPv6 VRRP packet too short - 7 bytes");
        assertThat(AdvertDecoder.peekVrid(new byte[27], true)).isEmpty();
        assertThat(AdvertDecoder.peekVrid(v2Pass(), true)).hasValue(51);
        assertThat(AdvertDecoder.peekVrid(v2Ah(1), true)).hasValue(51);
    }

    @Test
    void badIpHeader() {
        byte[] p = v2Pass();
        p[0] = 0x44;
        reject(EXP_V2_PASS, p, RejectReason.BAD_IP_HEADER,
                "IPv4 VRRP packet with invalid IP header - version 4, header length 16");
        p[0] = 0x65;
        reject(EXP_V2_PASS, p, RejectReason.BAD_IP_HEADER,
                "IPv4 VRRP packet with invalid IP header - version 6, header length 20");
    }

    @Test
    void unknownVridNamesTheInterface() {
        AdvertExpectation other = AdvertExpectation.multicast(VrrpVersion.V2, 52, Duration.ofSeconds(1), List.of(VIP))
                .withAuth(AuthType.PASS, PASS);
        Rejection r = rejected(new AdvertDecoder(other).decodeIpv4(v2Pass(), true));
        assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_VRID);
        assertThat(r.message("eth0")).isEqualTo("Unknown VRID(51) received on interface(eth0). ignoring...");
        assertThat(r.reason().log()).isEqualTo(RejectReason.Log.IF_LOG_UNKNOWN_VRIDS);
    }

    @Test
    void ahPresenceMustMatchAuthType() {
        reject(EXP_V2_PASS, v2Ah(1), RejectReason.AH_HEADER_UNEXPECTED, "(VI_1) Received AH header but auth type not AH");
        reject(EXP_V2_AH, v2Pass(), RejectReason.AH_HEADER_MISSING, "(VI_1) No AH header but auth type is AH");
    }

    @Test
    void packetLength() {
        reject(EXP_V2_PASS, Arrays.copyOf(v2Pass(), 41), RejectReason.PACKET_LENGTH,
                "(VI_1) vrrp packet too long, length 41 and expect 40");
        byte[] p = v2Pass();
        p[23] = 2;
        reject(EXP_V2_PASS, p, RejectReason.PACKET_LENGTH, "(VI_1) vrrp packet too short, length 40 and expect 44");
    }

    @Test
    void ttl() {
        byte[] p = v2Pass();
        p[8] = (byte) 254;
        reject(EXP_V2_PASS, p, RejectReason.TTL, "(VI_1) invalid TTL/HL. Received 254 and expect 255");
        // unicast instances take any TTL (RFC 5798 §5.1.1.3 holds for multicast only), within min/max_ttl
        AdvertExpectation unicast = EXP_V2_PASS.withUnicastPeers(true, List.of(new UnicastPeer(SRC, 64, 255)));
        byte[] u = AdvertEncoder.ipv4(V2_PASS, new Ipv4Envelope(SRC, PEER, 100, 0xc0, 7));
        accepted(new AdvertDecoder(unicast).decodeIpv4(u, true), "unicast TTL 100");
        u[8] = 63;
        reject(unicast, u, RejectReason.UNICAST_TTL_RANGE, "(VI_1) TTL/HL 63 not in range 64 - 255");
    }

    @Test
    void version() {
        reject(EXP_V2_PASS, v3(), RejectReason.WRONG_VERSION, "(VI_1) wrong version. Received 3 and expect 2");
        reject(EXP_V3, v2Pass(), RejectReason.WRONG_VERSION, "(VI_1) wrong version. Received 2 and expect 3");
    }

    @Test
    void authentication() {
        byte[] p = v2Pass();
        p[24] = 3;
        reject(EXP_V2_PASS, fixChecksum(p, 20, false), RejectReason.INVALID_AUTH_TYPE, "(VI_1) Invalid auth type: 3");
        byte[] none = AdvertEncoder.ipv4(V2_NONE, Ipv4Envelope.of(SRC, GROUP, 1));
        reject(EXP_V2_PASS, none, RejectReason.AUTH_TYPE_MISMATCH, "(VI_1) received a 0 auth, expecting 1!");
        reject(EXP_V2_NONE, v2Pass(), RejectReason.AUTH_TYPE_MISMATCH, "(VI_1) received a 1 auth, expecting 0!");
        reject(EXP_V2_NONE.withAuth(AuthType.PASS, AuthData.fromPassword("secreT")), v2Pass(),
                RejectReason.INVALID_PASSWORD, "(VI_1) received an invalid passwd!");
        assertThat(new AdvertDecoder(EXP_V2_PASS).counters().keepalivedStat("auth_failure")).isZero();
    }

    @Test
    void passwordIsTruncatedToEightOctets() {
        Advert sent = Advert.v2(51, 100, 1, AuthType.PASS, AuthData.fromPassword("longer than eight"), List.of(VIP));
        AdvertExpectation exp = EXP_V2_NONE.withAuth(AuthType.PASS, AuthData.fromPassword("longer t"));
        accepted(new AdvertDecoder(exp).decodeIpv4(AdvertEncoder.ipv4(sent, Ipv4Envelope.of(SRC, GROUP, 1)), true),
                "truncated password");
    }

    @Test
    void ah() {
        byte[] p = v2Ah(1);
        p[20] = 6;
        reject(EXP_V2_AH, p, RejectReason.AH_NOT_VRRP, "(VI_1) IPSEC-AH : next header 6 is not VRRP, ignoring");
        reject(EXP_V2_NONE.withAuth(AuthType.AH, AuthData.fromPassword("other")), v2Ah(1), RejectReason.AH_INVALID_ICV,
                "(VI_1) IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !");
        byte[] spi = v2Ah(1);
        spi[27] = 2;
        IpsecAhHeader.sign(spi, 20, PASS, false);
        reject(EXP_V2_AH, spi, RejectReason.AH_INVALID_SPI, "IPSEC AH : invalid IPSEC SPI value. 23344070 and expect 40121286");
        reject(EXP_V2_AH, v2Ah(0), RejectReason.AH_REPLAYED,
                "(VI_1) IPSEC-AH : sequence number 0 already processed. Packet dropped. Local(0)");
        // a changed TOS or fragment field does not matter (mutable, zeroed for the ICV); a changed ID does
        byte[] tos = v2Ah(1);
        tos[1] = 0;
        accepted(new AdvertDecoder(EXP_V2_AH).decodeIpv4(tos, true), "TOS changed");
        byte[] id = v2Ah(1);
        id[5] = 9;
        reject(EXP_V2_AH, id, RejectReason.AH_INVALID_ICV,
                "(VI_1) IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !");
    }

    @Test
    void ahSequenceIsSharedWithSending() {
        AdvertDecoder d = new AdvertDecoder(EXP_V2_AH);
        accepted(d.decodeIpv4(v2Ah(41), true), "seq 41");
        assertThat(d.ahSequence().nextToSend()).isEqualTo(42);
        assertThat(rejected(d.decodeIpv4(v2Ah(42), true)).reason()).isEqualTo(RejectReason.AH_REPLAYED);
        d.ahSequence().syncFromLowerPriority(100);
        assertThat(d.ahSequence().nextToSend()).isEqualTo(102);
        AhSequence s = new AhSequence();
        s.syncFromLowerPriority(0xFFFF_FFFCL);
        assertThat(s.nextToSend()).isEqualTo(0xFFFF_FFFEL);
        assertThat(s.cycled()).isFalse();
        assertThat(s.nextToSend()).isEqualTo(0xFFFF_FFFEL);
        assertThat(s.cycled()).isTrue();
        s.resetIfCycled();
        assertThat(s.nextToSend()).isEqualTo(1);
    }

    @Test
    void v2AdvertInterval() {
        AdvertExpectation two = new AdvertExpectation(VrrpVersion.V2, 51, AuthType.PASS, PASS, Duration.ofSeconds(2),
                List.of(VIP), false, false, List.of());
        reject(two, v2Pass(), RejectReason.ADVERT_INTERVAL_MISMATCH,
                "(VI_1) advertisement interval mismatch mine=2 sec rcv'd=1 sec");
        // v3 takes the master's interval instead of refusing it
        accepted(new AdvertDecoder(AdvertExpectation.multicast(VrrpVersion.V3, 51, Duration.ofSeconds(3),
                List.of(VIP))).decodeIpv4(v3(), true), "v3 other interval");
    }

    @Test
    void type() {
        byte[] p = v3();
        p[20] = 0x32;
        reject(EXP_V3, fixChecksum(p, 20, true), RejectReason.INVALID_TYPE, "(VI_1) Invalid packet type. 2 and expect 1");
    }

    @Test
    void addressCountAndList() {
        AdvertExpectation two = AdvertExpectation.multicast(VrrpVersion.V3, 51, Duration.ofSeconds(1),
                List.of(VIP, Golden.v4("198.51.100.101")));
        reject(two, v3(), RejectReason.ADDRESS_COUNT, "(VI_1) received an unexpected ip number count 1, expected 2!");
        accepted(new AdvertDecoder(two).decodeIpv4(v3(), false), "address check skipped");
        AdvertExpectation other = AdvertExpectation.multicast(VrrpVersion.V3, 51, Duration.ofSeconds(1),
                List.of(Golden.v4("198.51.100.101")));
        AdvertDecoder d = new AdvertDecoder(other);
        Rejection r = rejected(d.decodeIpv4(v3(), true));
        assertThat(r.message(NAME))
                .isEqualTo("(VI_1) ip address associated with VRID 51 not present in MASTER advert: 198.51.100.101");
        // keepalived counts it as a received advert before the address list check
        assertThat(d.counters().advertsReceived()).isEqualTo(1);
        assertThat(d.counters().keepalivedStat("addr_list_err")).isEqualTo(1);
    }

    @Test
    void ipTotalLength() {
        byte[] p = v3();
        p[3] = 33;
        reject(EXP_V3, p, RejectReason.IP_TOTAL_LENGTH,
                "(VI_1) ip_tot_len mismatch against received length. 33 and received 32");
        // with PASS, keepalived reads the password at tot_len - 8 first: a wrong tot_len is a wrong password
        byte[] q = v2Pass();
        q[3] = 41;
        reject(EXP_V2_PASS, q, RejectReason.INVALID_PASSWORD, "(VI_1) received an invalid passwd!");
    }

    @Test
    void checksum() {
        byte[] p = v3();
        p[27] ^= 1;
        reject(EXP_V3, p, RejectReason.BAD_CHECKSUM, "(VI_1) Invalid VRRPv3 checksum");
        byte[] q = v2Pass();
        q[27] ^= 1;
        reject(EXP_V2_PASS, q, RejectReason.BAD_CHECKSUM, "(VI_1) Invalid VRRPv2 checksum");
        // v3 covers the addresses through the pseudo-header; v2 does not
        byte[] r = v3();
        r[15] = 3;
        reject(EXP_V3, r, RejectReason.BAD_CHECKSUM, "(VI_1) Invalid VRRPv3 checksum");
    }

    @Test
    void castMismatch() {
        byte[] unicast = AdvertEncoder.ipv4(V2_PASS, Ipv4Envelope.of(SRC, PEER, 1));
        reject(EXP_V2_PASS, unicast, RejectReason.CAST_MISMATCH,
                "(VI_1) Expected multicast packet but received unicast packet");
        AdvertExpectation uni = EXP_V2_PASS.withUnicastPeers(false, List.of());
        reject(uni, v2Pass(), RejectReason.CAST_MISMATCH, "(VI_1) Expected unicast packet but received multicast packet");
    }

    @Test
    void unicastSource() {
        AdvertExpectation uni = EXP_V2_PASS.withUnicastPeers(true, List.of(UnicastPeer.of(PEER)));
        byte[] p = AdvertEncoder.ipv4(V2_PASS, Ipv4Envelope.of(SRC, PEER, 1));
        reject(uni, p, RejectReason.UNICAST_SOURCE_NOT_PEER, "(VI_1) unicast source address 198.51.100.1 not a unicast peer");
        accepted(new AdvertDecoder(EXP_V2_PASS.withUnicastPeers(false, List.of(UnicastPeer.of(PEER))))
                .decodeIpv4(p, true), "source not checked");
    }

    @Test
    void ipv6() {
        AdvertExpectation exp = AdvertExpectation.multicast(VrrpVersion.V3, 51, Duration.ofSeconds(1),
                List.of(Golden.v6("2001:db8::100")));
        Advert a = Advert.v3(51, 100, 100, List.of(Golden.v6("2001:db8::100")));
        var src = Golden.v6("fe80::1");
        var group = Golden.v6("ff02::12");
        byte[] m = AdvertEncoder.ipv6(a, src, group);
        AdvertDecoder d = new AdvertDecoder(exp);
        accepted(d.decodeIpv6(m, new Ipv6Envelope(src, group, -1), true), "hop limit unknown");
        Rejection hl = rejected(d.decodeIpv6(m, new Ipv6Envelope(src, group, 1), true));
        assertThat(hl.message(NAME)).isEqualTo("(VI_1) invalid TTL/HL. Received 1 and expect 255");
        Rejection other = rejected(d.decodeIpv6(m, new Ipv6Envelope(Golden.v6("fe80::2"), group, 255), true));
        assertThat(other.message(NAME)).isEqualTo("(VI_1) Invalid VRRPv3 checksum");
        Rejection cast = rejected(d.decodeIpv6(m, new Ipv6Envelope(src, Golden.v6("2001:db8::2"), 255), true));
        assertThat(cast.message(NAME)).isEqualTo("(VI_1) discarding unicast packet on multicast instance");
        assertThat(cast.reason().log()).isEqualTo(RejectReason.Log.IF_LOG_DETAIL);
        // a programming error, not bad input: keepalived refuses authentication with IPv6 at config time
        assertThatThrownBy(() -> new AdvertDecoder(EXP_V2_PASS)
                .decodeIpv6(m, new Ipv6Envelope(src, group, 255), true))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oldUnicastChecksumOfKeepalived136() {
        AdvertExpectation uni = EXP_V3.withUnicastPeers(false, List.of());
        byte[] old = AdvertEncoder.ipv4(V3, Ipv4Envelope.of(SRC, PEER, 1), GROUP);
        byte[] current = AdvertEncoder.ipv4(V3, Ipv4Envelope.of(SRC, PEER, 1));
        assertThat(old).isNotEqualTo(current);
        // default: the first old-style advert switches the instance to the old way for good
        AdvertDecoder d = new AdvertDecoder(uni);
        accepted(d.decodeIpv4(current, true), "new checksum");
        assertThat(d.unicastChecksum()).isEqualTo(UnicastChecksumCompat.NONE);
        accepted(d.decodeIpv4(old, true), "old checksum");
        assertThat(d.unicastChecksum()).isEqualTo(UnicastChecksumCompat.AUTO);
        assertThat(rejected(d.decodeIpv4(current, true)).message(NAME)).isEqualTo("(VI_1) Invalid VRRPv3 checksum");
        assertThat(String.format(UnicastChecksumCompat.SWITCH_MESSAGE, NAME))
                .isEqualTo("(VI_1) Setting unicast VRRPv3 checksum to old version");
        // old_unicast_checksum never
        AdvertDecoder never = new AdvertDecoder(uni);
        never.configureUnicastChecksum(UnicastChecksumCompat.NEVER, AdvertDecoder.DEFAULT_GROUP4);
        assertThat(rejected(never.decodeIpv4(old, true)).reason()).isEqualTo(RejectReason.BAD_CHECKSUM);
        // old_unicast_checksum
        AdvertDecoder config = new AdvertDecoder(uni);
        config.configureUnicastChecksum(UnicastChecksumCompat.CONFIG, AdvertDecoder.DEFAULT_GROUP4);
        accepted(config.decodeIpv4(old, true), "configured old checksum");
        assertThat(rejected(config.decodeIpv4(current, true)).reason()).isEqualTo(RejectReason.BAD_CHECKSUM);
        // multicast instances never switch
        byte[] mcast = v3();
        mcast[27] ^= 1;
        AdvertDecoder m = new AdvertDecoder(EXP_V3);
        assertThat(rejected(m.decodeIpv4(mcast, true)).reason()).isEqualTo(RejectReason.BAD_CHECKSUM);
        assertThat(m.unicastChecksum()).isEqualTo(UnicastChecksumCompat.NONE);
    }

    @Test
    void ipIdentificationSkipsZeroAsKeepalived() {
        assertThat(Ipv4Envelope.nextIdentification(0)).isEqualTo(1);
        assertThat(Ipv4Envelope.nextIdentification(41)).isEqualTo(42);
        assertThat(Ipv4Envelope.nextIdentification(0xffff)).isEqualTo(1);
        assertThat(V2_PASS.adverIntCentis()).isEqualTo(100);
        assertThat(V3.adverIntCentis()).isEqualTo(100);
    }
}
