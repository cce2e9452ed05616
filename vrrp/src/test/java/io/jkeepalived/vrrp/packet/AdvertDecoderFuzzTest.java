package io.jkeepalived.vrrp.packet;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer target for the advert decoder. Under plain {@code mvn test} it replays the seeds in
 * {@code AdvertDecoderFuzzTestInputs/decode/} (the golden captures); with {@code JAZZER_FUZZ=1} it fuzzes:
 * {@code JAZZER_FUZZ=1 ./mvnw -o -q -pl vrrp surefire:test -Dtest='AdvertDecoderFuzzTest#decode'}.
 *
 * <p>Input: one mode octet, then the packet. Mode bits 0-1 pick the instance (0: v2 PASS, 1: v3, 2: v2 AH, all
 * IPv4; 3: v3 over IPv6), bit 2 turns the VIP check off, bit 3 makes the instance unicast. The property: nothing
 * throws, every refusal is counted, and an accepted advert is one the instance expects and encodes back to a packet
 * that decodes to the same advert.
 */
class AdvertDecoderFuzzTest {
    private static final InetAddress VIP4 = Golden.v4("198.51.100.100");
    private static final AdvertExpectation V2_PASS = AdvertExpectation
            .multicast(VrrpVersion.V2, 51, Duration.ofSeconds(1), List.of(VIP4))
            .withAuth(AuthType.PASS, AuthData.fromPassword("labpass1"));
    private static final AdvertExpectation V3 =
            AdvertExpectation.multicast(VrrpVersion.V3, 51, Duration.ofSeconds(1), List.of(VIP4));
    private static final AdvertExpectation V2_AH = AdvertExpectation
            .multicast(VrrpVersion.V2, 42, Duration.ofSeconds(1), List.of(Golden.v4("198.51.100.100")))
            .withAuth(AuthType.AH, AuthData.fromPassword("sekrit12"));
    private static final AdvertExpectation V3_IPV6 = AdvertExpectation.multicast(VrrpVersion.V3, 43,
            Duration.ofMillis(500), List.of(Golden.v6("2001:db8::100"), Golden.v6("2001:db8::101")));
    private static final Ipv6Envelope IPV6 =
            new Ipv6Envelope(Golden.v6("fe80::88c0:20ff:fef7:b456"), Golden.v6("ff02::12"), 255);

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int mode = data[0] & 0xff;
        byte[] packet = Arrays.copyOfRange(data, 1, data.length);
        boolean checkVips = (mode & 4) == 0;
        boolean ipv6 = (mode & 3) == 3;
        AdvertExpectation exp = switch (mode & 3) {
            case 0 -> V2_PASS;
            case 1 -> V3;
            case 2 -> V2_AH;
            default -> V3_IPV6;
        };
        if ((mode & 8) != 0) {
            InetAddress peer = ipv6 ? IPV6.source() : Golden.v4("198.51.100.1");
            exp = exp.withUnicastPeers(true, List.of(UnicastPeer.of(peer)));
        }
        AdvertDecoder decoder = new AdvertDecoder(exp);
        DecodeResult r = ipv6 ? decoder.decodeIpv6(packet, IPV6, checkVips) : decoder.decodeIpv4(packet, checkVips);
        if (r instanceof Rejection rejection) {
            assertThat(decoder.counters().rejected(rejection.reason())).isEqualTo(1);
            assertThat(rejection.message("fuzz")).isNotEmpty();
            return;
        }
        ReceivedAdvert got = (ReceivedAdvert) r;
        assertThat(got.advert().vrid()).isEqualTo(exp.vrid());
        assertThat(got.advert().version()).isEqualTo(exp.version());
        byte[] again;
        if (got.envelope() instanceof Ipv4Envelope ip) {
            again = got.advert().authType() == AuthType.AH
                    ? AdvertEncoder.ipv4Ah(got.advert(), ip, exp.authData(), got.ahSequence().orElseThrow(),
                    exp.unicast())
                    : AdvertEncoder.ipv4(got.advert(), ip);
        } else {
            again = AdvertEncoder.ipv6(got.advert(), IPV6.source(), IPV6.destination());
        }
        AdvertDecoder fresh = new AdvertDecoder(exp);
        DecodeResult second = ipv6 ? fresh.decodeIpv6(again, IPV6, checkVips) : fresh.decodeIpv4(again, checkVips);
        assertThat(second).isInstanceOf(ReceivedAdvert.class);
        assertThat(((ReceivedAdvert) second).advert()).isEqualTo(got.advert());
    }
}
