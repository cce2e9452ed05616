package io.jkeepalived.vrrp.packet;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real keepalived 2.2.7 adverts: every one decodes, and encoding what was decoded gives the captured bytes back.
 * All were taken in jk- namespaces with 198.51.100.0/24 and 2001:db8::/32: the v2/v3 IPv4 ones by
 * {@code vrrp/src/test/golden/recapture.sh} (two keepalived, a preemption and SIGTERMs, as the reference lab's
 * captures), the AH and IPv6 ones by the codec's helper (see the comments at the top of each file).
 */
class GoldenCaptureTest {
    private static final AdvertExpectation V2_PASS = AdvertExpectation
            .multicast(VrrpVersion.V2, 51, Duration.ofSeconds(1), List.of(Golden.v4("198.51.100.100")))
            .withAuth(AuthType.PASS, AuthData.fromPassword("labpass1"));
    private static final AdvertExpectation V3 = AdvertExpectation
            .multicast(VrrpVersion.V3, 51, Duration.ofSeconds(1), List.of(Golden.v4("198.51.100.100")));

    @Test
    void v2WithPassword() {
        List<Golden.Packet> packets = Golden.load("v2-pass-term.hex");
        assertThat(packets).hasSize(22);
        AdvertDecoder decoder = new AdvertDecoder(V2_PASS);
        for (Golden.Packet p : packets) {
            ReceivedAdvert r = accepted(decoder.decodeIpv4(p.bytes(), true), p);
            Advert a = r.advert();
            assertThat(a.version()).isEqualTo(VrrpVersion.V2);
            assertThat(a.vrid()).isEqualTo(51);
            assertThat(a.priority()).isIn(0, 100, 150);
            assertThat(a.adverInt()).isEqualTo(1);
            assertThat(a.authType()).isEqualTo(AuthType.PASS);
            assertThat(a.authData()).isEqualTo(AuthData.fromPassword("labpass1"));
            assertThat(a.addresses()).containsExactly(Golden.v4("198.51.100.100"));
            assertThat(r.ahSequence()).isEmpty();
            assertThat(AdvertEncoder.ipv4(a, (Ipv4Envelope) r.envelope())).as("%s", p).isEqualTo(p.bytes());
        }
        assertThat(decoder.counters().advertsReceived()).isEqualTo(22);
        assertThat(decoder.counters().rejectedTotal()).isZero();
        assertThat(decoder.counters().priorityZeroReceived()).isPositive();
    }

    @Test
    void v2FirstFrameAsWiresharkDecodesIt() {
        Golden.Packet first = Golden.load("v2-pass-term.hex").get(0);
        ReceivedAdvert r = accepted(new AdvertDecoder(V2_PASS).decodeIpv4(first.bytes(), true), first);
        Ipv4Envelope ip = (Ipv4Envelope) r.envelope();
        assertThat(ip.source()).isEqualTo(Golden.v4("198.51.100.2"));
        assertThat(ip.destination()).isEqualTo(Golden.v4("224.0.0.18"));
        assertThat(ip.ttl()).isEqualTo(255);
        assertThat(ip.tos()).isEqualTo(0xc0);
        assertThat(ip.identification()).isEqualTo(1);
        assertThat(r.advert().priority()).isEqualTo(100);
        // tshark: "Checksum: 0xabbb [correct]", "Header Checksum: 0xb05c"
        assertThat(first.bytes()[20 + 6] & 0xff).isEqualTo(0xab);
        assertThat(first.bytes()[20 + 7] & 0xff).isEqualTo(0xbb);
        assertThat(first.bytes()[10] & 0xff).isEqualTo(0xb0);
        assertThat(first.bytes()[11] & 0xff).isEqualTo(0x5c);
    }

    @Test
    void v3OneSecond() {
        v3("v3-adv1-term.hex", 100, 21);
    }

    @Test
    void v3TenthOfASecond() {
        v3("v3-adv0.1-term.hex", 10, 72);
    }

    private static void v3(String resource, int centis, int count) {
        List<Golden.Packet> packets = Golden.load(resource);
        assertThat(packets).hasSize(count);
        AdvertDecoder decoder = new AdvertDecoder(V3);
        for (Golden.Packet p : packets) {
            ReceivedAdvert r = accepted(decoder.decodeIpv4(p.bytes(), true), p);
            Advert a = r.advert();
            assertThat(a.version()).isEqualTo(VrrpVersion.V3);
            assertThat(a.adverInt()).isEqualTo(centis);
            assertThat(a.authType()).isEqualTo(AuthType.NONE);
            assertThat(a.addresses()).containsExactly(Golden.v4("198.51.100.100"));
            assertThat(AdvertEncoder.ipv4(a, (Ipv4Envelope) r.envelope())).as("%s", p).isEqualTo(p.bytes());
        }
        assertThat(decoder.counters().rejectedTotal()).isZero();
    }

    @Test
    void v2AhMulticast() {
        List<Golden.Packet> packets = ah(Golden.v4("224.0.0.18"));
        AdvertExpectation exp = AdvertExpectation
                .multicast(VrrpVersion.V2, 42, Duration.ofSeconds(1), List.of(Golden.v4("198.51.100.100")))
                .withAuth(AuthType.AH, AuthData.fromPassword("sekrit12"));
        AdvertDecoder decoder = new AdvertDecoder(exp);
        long expectedSeq = 1;
        for (Golden.Packet p : packets) {
            ReceivedAdvert r = accepted(decoder.decodeIpv4(p.bytes(), true), p);
            assertThat(r.ahSequence()).isEqualTo(OptionalLong.of(expectedSeq));
            assertThat(r.advert().authType()).isEqualTo(AuthType.AH);
            assertThat(r.advert().authData()).isEqualTo(AuthData.ZERO);
            assertThat(decoder.ahSequence().number()).isEqualTo(expectedSeq);
            byte[] again = AdvertEncoder.ipv4Ah(r.advert(), (Ipv4Envelope) r.envelope(),
                    AuthData.fromPassword("sekrit12"), expectedSeq, false);
            assertThat(again).as("%s", p).isEqualTo(p.bytes());
            expectedSeq++;
        }
        // replaying the first one is refused by the anti-replay counter
        Rejection replay = rejected(decoder.decodeIpv4(packets.get(0).bytes(), true));
        assertThat(replay.reason()).isEqualTo(RejectReason.AH_REPLAYED);
        assertThat(replay.message("AH4"))
                .isEqualTo("(AH4) IPSEC-AH : sequence number 1 already processed. Packet dropped. Local(6)");
    }

    @Test
    void v2AhUnicastLeavesTtlOutOfTheIcv() {
        List<Golden.Packet> packets = ah(Golden.v4("198.51.100.2"));
        AdvertExpectation exp = AdvertExpectation
                .multicast(VrrpVersion.V2, 44, Duration.ofSeconds(1), List.of(Golden.v4("198.51.100.101")))
                .withAuth(AuthType.AH, AuthData.fromPassword("pw"))
                .withUnicastPeers(true, List.of(UnicastPeer.of(Golden.v4("198.51.100.1"))));
        AdvertDecoder decoder = new AdvertDecoder(exp);
        for (Golden.Packet p : packets) {
            ReceivedAdvert r = accepted(decoder.decodeIpv4(p.bytes(), true), p);
            byte[] again = AdvertEncoder.ipv4Ah(r.advert(), (Ipv4Envelope) r.envelope(), AuthData.fromPassword("pw"),
                    r.ahSequence().orElseThrow(), true);
            assertThat(again).as("%s", p).isEqualTo(p.bytes());
        }
        // The same packets checked as by a multicast instance: the ICV then covers TTL 255, not 0.
        AdvertDecoder multicast = new AdvertDecoder(new AdvertExpectation(exp.version(), exp.vrid(), exp.authType(),
                exp.authData(), exp.adverInt(), exp.vips(), false, false, List.of()));
        assertThat(rejected(multicast.decodeIpv4(packets.get(0).bytes(), true)).reason())
                .isEqualTo(RejectReason.AH_INVALID_ICV);
    }

    @Test
    void v3OverIpv6() {
        List<Golden.Packet> packets = Golden.load("keepalived-v3-ipv6.hex");
        assertThat(packets).isNotEmpty();
        AdvertExpectation exp = AdvertExpectation.multicast(VrrpVersion.V3, 43, Duration.ofMillis(500),
                List.of(Golden.v6("2001:db8::100"), Golden.v6("2001:db8::101")));
        AdvertDecoder decoder = new AdvertDecoder(exp);
        for (Golden.Packet p : packets) {
            ReceivedAdvert r = accepted(decoder.decodeIpv6(p.bytes(), p.ipv6(), true), p);
            assertThat(r.advert().adverInt()).isEqualTo(50);
            assertThat(r.advert().priority()).isIn(0, 150);
            assertThat(r.envelope()).isEqualTo(p.ipv6());
            assertThat(AdvertEncoder.ipv6(r.advert(), p.ipv6().source(), p.ipv6().destination()))
                    .as("%s", p).isEqualTo(p.bytes());
        }
    }

    @Test
    void v2OverIpv6HasNoAuthenticationData() {
        List<Golden.Packet> packets = Golden.load("keepalived-v2-ipv6.hex");
        assertThat(packets).isNotEmpty();
        AdvertExpectation exp = AdvertExpectation.multicast(VrrpVersion.V2, 44, Duration.ofSeconds(1),
                List.of(Golden.v6("2001:db8::200")));
        AdvertDecoder decoder = new AdvertDecoder(exp);
        for (Golden.Packet p : packets) {
            assertThat(p.bytes()).hasSize(VrrpMessage.HEADER_LENGTH + 16);
            ReceivedAdvert r = accepted(decoder.decodeIpv6(p.bytes(), p.ipv6(), true), p);
            assertThat(r.advert().version()).isEqualTo(VrrpVersion.V2);
            assertThat(r.advert().adverInt()).isEqualTo(1);
            assertThat(r.advert().priority()).isIn(0, 120);
            assertThat(AdvertEncoder.ipv6(r.advert(), p.ipv6().source(), p.ipv6().destination()))
                    .as("%s", p).isEqualTo(p.bytes());
        }
    }

    private static List<Golden.Packet> ah(java.net.Inet4Address destination) {
        return Golden.load("keepalived-ah.hex").stream()
                .filter(p -> Ipv4Header.decode(p.bytes()).destination.equals(destination))
                .toList();
    }

    static ReceivedAdvert accepted(DecodeResult r, Object what) {
        assertThat(r).as("%s: %s", what, r).isInstanceOf(ReceivedAdvert.class);
        return (ReceivedAdvert) r;
    }

    static Rejection rejected(DecodeResult r) {
        assertThat(r).isInstanceOf(Rejection.class);
        return (Rejection) r;
    }
}
