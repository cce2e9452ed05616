package io.jkeepalived.vrrp.packet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** decode(encode(x)) == x for every kind of advert; corrupted or random input is refused, never thrown on. */
class CodecPropertiesTest {

    /** An advert with what it travels in and the instance that accepts it. */
    record Case(Advert advert, Envelope envelope, AdvertExpectation expectation, AuthData ahKey, long ahSeq) {
        boolean ipv4() {
            return envelope instanceof Ipv4Envelope;
        }

        byte[] encode() {
            if (envelope instanceof Ipv4Envelope ip) {
                return advert.authType() == AuthType.AH
                        ? AdvertEncoder.ipv4Ah(advert, ip, ahKey, ahSeq, expectation.unicast())
                        : AdvertEncoder.ipv4(advert, ip);
            }
            Ipv6Envelope ip6 = (Ipv6Envelope) envelope;
            return AdvertEncoder.ipv6(advert, ip6.source(), ip6.destination());
        }

        DecodeResult decode(byte[] bytes) {
            AdvertDecoder d = new AdvertDecoder(expectation);
            return envelope instanceof Ipv6Envelope ip6 ? d.decodeIpv6(bytes, ip6, true) : d.decodeIpv4(bytes, true);
        }
    }

    @Property(tries = 300)
    void roundTrip(@ForAll("cases") Case c) {
        byte[] bytes = c.encode();
        DecodeResult r = c.decode(bytes);
        assertThat(r).as("%s", r).isInstanceOf(ReceivedAdvert.class);
        ReceivedAdvert got = (ReceivedAdvert) r;
        assertThat(got.advert()).isEqualTo(c.advert());
        assertThat(got.envelope()).isEqualTo(c.envelope());
        assertThat(got.ahSequence().isPresent()).isEqualTo(c.advert().authType() == AuthType.AH);
        // and encoding what was decoded is the same packet
        Case again = new Case(got.advert(), got.envelope(), c.expectation(), c.ahKey(), got.ahSequence().orElse(0));
        assertThat(again.encode()).isEqualTo(bytes);
    }

    @Property(tries = 300)
    void anySingleBitFlipIsRefusedOrChangesNothingThatMatters(@ForAll("cases") Case c,
                                                              @ForAll @IntRange(min = 0, max = 1 << 20) int where) {
        byte[] bytes = c.encode();
        int bit = where % (bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        DecodeResult r = c.decode(bytes);
        if (r instanceof ReceivedAdvert got) {
            // Only IPv4 header fields keepalived does not check (TOS, ID, fragment, header checksum, protocol
            // other than AH) can change without a refusal; the VRRP content is covered by checksum or ICV.
            assertThat(got.advert()).isEqualTo(c.advert());
        }
    }

    @Property(tries = 1000)
    void randomBytesAreRefusedNotThrownOn(@ForAll("cases") Case c, @ForAll @Size(max = 120) byte[] junk) {
        DecodeResult r = c.decode(junk);
        assertThat(r).isNotNull();
    }

    @Property(tries = 1000)
    void randomTailAfterAPlausibleHeaderIsRefusedNotThrownOn(@ForAll("cases") Case c,
                                                            @ForAll @IntRange(min = 0, max = 80) int keep,
                                                            @ForAll @Size(max = 80) byte[] tail) {
        byte[] good = c.encode();
        int k = Math.min(keep, good.length);
        byte[] mixed = new byte[k + tail.length];
        System.arraycopy(good, 0, mixed, 0, k);
        System.arraycopy(tail, 0, mixed, k, tail.length);
        AdvertDecoder d = new AdvertDecoder(c.expectation());
        DecodeResult r = c.envelope() instanceof Ipv6Envelope ip6 ? d.decodeIpv6(mixed, ip6, true)
                : d.decodeIpv4(mixed, true);
        long counted = d.counters().rejectedTotal();
        assertThat(counted).isEqualTo(r instanceof Rejection ? 1 : 0);
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.oneOf(v2Ipv4(), v3Ipv4(), ipv6(), ahIpv4());
    }

    private Arbitrary<Case> v2Ipv4() {
        Arbitrary<AuthType> auth = Arbitraries.of(AuthType.NONE, AuthType.PASS);
        return Combinators.combine(vrid(), priority(), Arbitraries.integers().between(0, 255), auth, authData(),
                        addresses4(), envelope4())
                .as((vrid, prio, interval, type, data, addrs, ip) -> {
                    Advert a = Advert.v2(vrid, prio, interval, type, data, addrs);
                    AdvertExpectation exp = new AdvertExpectation(VrrpVersion.V2, vrid, type, data,
                            Duration.ofSeconds(interval), addrs, false, false, List.of());
                    return new Case(a, ip, exp, null, 0);
                });
    }

    private Arbitrary<Case> ahIpv4() {
        return Combinators.combine(vrid(), priority(), Arbitraries.integers().between(0, 255), authData(),
                        addresses4(), envelope4(), Arbitraries.longs().between(1, 0xFFFF_FFFFL),
                        Arbitraries.of(true, false))
                .as((vrid, prio, interval, key, addrs, ip, seq, unicast) -> {
                    Advert a = Advert.v2(vrid, prio, interval, AuthType.AH, AuthData.ZERO, addrs);
                    Ipv4Envelope env = unicast
                            ? new Ipv4Envelope(ip.source(), v4(198, 51, 100, 2), 64, ip.tos(), ip.identification())
                            : ip;
                    AdvertExpectation exp = new AdvertExpectation(VrrpVersion.V2, vrid, AuthType.AH, key,
                            Duration.ofSeconds(interval), addrs, unicast, false, List.of());
                    return new Case(a, env, exp, key, seq);
                });
    }

    private Arbitrary<Case> v3Ipv4() {
        return Combinators.combine(vrid(), priority(), Arbitraries.integers().between(0, 0x0fff), addresses4(),
                        envelope4())
                .as((vrid, prio, interval, addrs, ip) -> {
                    Advert a = Advert.v3(vrid, prio, interval, addrs);
                    AdvertExpectation exp = new AdvertExpectation(VrrpVersion.V3, vrid, AuthType.NONE, AuthData.ZERO,
                            Duration.ofSeconds(1), addrs, false, false, List.of());
                    return new Case(a, ip, exp, null, 0);
                });
    }

    private Arbitrary<Case> ipv6() {
        Arbitrary<List<InetAddress>> addrs = Arbitraries.bytes().array(byte[].class).ofSize(16)
                .map(CodecPropertiesTest::address).list().ofMaxSize(6);
        Arbitrary<Inet6Address> src = Arbitraries.bytes().array(byte[].class).ofSize(16)
                .map(b -> (Inet6Address) address(b));
        return Combinators.combine(vrid(), priority(), Arbitraries.of(VrrpVersion.V2, VrrpVersion.V3),
                        Arbitraries.integers().between(0, 255), addrs, src, Arbitraries.of(-1, 255))
                .as((vrid, prio, version, interval, list, source, hl) -> {
                    Advert a = version == VrrpVersion.V2
                            ? Advert.v2(vrid, prio, interval, AuthType.NONE, AuthData.ZERO, list)
                            : Advert.v3(vrid, prio, interval, list);
                    Ipv6Envelope env = new Ipv6Envelope(source, (Inet6Address) address(group6()), hl);
                    AdvertExpectation exp = new AdvertExpectation(version, vrid, AuthType.NONE, AuthData.ZERO,
                            Duration.ofSeconds(interval), list, false, false, List.of());
                    return new Case(a, env, exp, null, 0);
                });
    }

    private static Arbitrary<Integer> vrid() {
        return Arbitraries.integers().between(1, 255);
    }

    private static Arbitrary<Integer> priority() {
        return Arbitraries.integers().between(0, 255);
    }

    private static Arbitrary<AuthData> authData() {
        return Arbitraries.bytes().array(byte[].class).ofSize(8).map(AuthData::of);
    }

    private static Arbitrary<List<InetAddress>> addresses4() {
        Arbitrary<InetAddress> one = Arbitraries.bytes().array(byte[].class).ofSize(4).map(CodecPropertiesTest::address);
        // mostly short lists; now and then the 255-address maximum the count octet allows
        return Arbitraries.frequencyOf(Tuple.of(9, one.list().ofMaxSize(8)),
                Tuple.of(1, one.list().ofMinSize(250).ofMaxSize(255)));
    }

    private static Arbitrary<Ipv4Envelope> envelope4() {
        Arbitrary<Inet4Address> src = Arbitraries.bytes().array(byte[].class).ofSize(4)
                .map(b -> (Inet4Address) address(b));
        Arbitrary<Inet4Address> group = Arbitraries.integers().between(224, 239)
                .map(first -> v4(first, 0, 0, 18));
        return Combinators.combine(src, group, Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(0, 0xffff))
                .as((s, g, tos, id) -> new Ipv4Envelope(s, g, 255, tos, id));
    }

    private static byte[] group6() {
        byte[] g = new byte[16];
        g[0] = (byte) 0xff;
        g[1] = 0x02;
        g[15] = 0x12;
        return g;
    }

    static Inet4Address v4(int a, int b, int c, int d) {
        return (Inet4Address) address(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
