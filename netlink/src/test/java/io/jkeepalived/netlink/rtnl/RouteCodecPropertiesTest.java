package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.Hex;
import io.jkeepalived.netlink.NetlinkMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated routes, rules and macvlans survive their encoders and decoders unchanged. */
class RouteCodecPropertiesTest {
    private static NetlinkMessage message(ByteBuffer b) throws Exception {
        return NetlinkMessage.split(b.order(ByteOrder.nativeOrder())).get(0);
    }

    @Property
    void routesRoundTrip(@ForAll("routes") IpRoute r, @ForAll boolean delete) throws Exception {
        ByteBuffer msg = delete ? RtMsg.deleteRoute(3, r) : RtMsg.newRoute(3, r);
        assertThat(msg.remaining() % 4).isZero();
        assertThat(RtMsg.decode(message(msg))).isEqualTo(r);
    }

    @Property
    void rulesRoundTrip(@ForAll("rules") IpRule r, @ForAll boolean delete) throws Exception {
        ByteBuffer msg = delete ? FibRuleHdr.deleteRule(4, r) : FibRuleHdr.newRule(4, r);
        assertThat(FibRuleHdr.decode(message(msg))).isEqualTo(r);
    }

    @Property
    void macvlansRoundTripThroughTheKernelsLinkLayout(@ForAll("macvlans") Macvlan m) throws Exception {
        ByteBuffer msg = LinkRequests.newMacvlan(5, m);
        assertThat(Hex.of(msg)).isNotEmpty();
        // a create request has the layout of the kernel's description, without flags: decode it back
        assertThat(LinkRequests.decodeMacvlan(message(msg))).isEqualTo(m);
    }

    @Provide
    Arbitrary<Macvlan> macvlans() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789.-_").ofMinLength(1).ofMaxLength(15),
                Arbitraries.integers().between(1, 1 << 20),
                Arbitraries.bytes().array(byte[].class).ofSize(6),
                Arbitraries.of(MacvlanMode.class)).as(Macvlan::new);
    }

    private static Arbitrary<InetAddress> ips(int family) {
        int len = family == Rtnetlink.AF_INET ? 4 : 16;
        return Arbitraries.bytes().array(byte[].class).ofSize(len).map(b -> {
            try {
                return family == Rtnetlink.AF_INET ? Inet4Address.getByAddress(b) : Inet6Address.getByAddress(null, b, -1);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Provide
    Arbitrary<IpRoute> routes() {
        return Arbitraries.of(Rtnetlink.AF_INET, Rtnetlink.AF_INET6).flatMap(family -> {
            int max = family == Rtnetlink.AF_INET ? 32 : 128;
            Arbitrary<InetAddress> ip = ips(family);
            Arbitrary<IpRoute.Nexthop> hop = Combinators.combine(ip.injectNull(0.2), Arbitraries.integers().between(0, 1000),
                    Arbitraries.integers().between(1, 256), Arbitraries.of(0, IpRoute.RTNH_F_ONLINK)).as(IpRoute.Nexthop::new);
            Arbitrary<int[]> bytes = Arbitraries.integers().between(0, 255).array(int[].class).ofSize(4);
            Arbitrary<InetAddress[]> addrs = ip.injectNull(0.3).array(InetAddress[].class).ofSize(4);
            return Combinators.combine(bytes, Arbitraries.longs().between(0, 0xffffffffL), addrs,
                    Arbitraries.integers().between(0, max).array(int[].class).ofSize(2),
                    Arbitraries.integers().between(0, 1 << 20), Arbitraries.longs().between(-1, 0xffffffffL),
                    hop.list().ofMaxSize(3)).as((b, table, a, lens, oif, metric, hops) ->
                    new IpRoute(family, b[0], table, b[1], b[2], b[3] & IpRoute.RTNH_F_ONLINK, a[0], a[0] == null ? 0 : lens[0],
                            a[1], a[1] == null ? 0 : lens[1], a[2], a[3], oif, metric, hops));
        });
    }

    @Provide
    Arbitrary<IpRule> rules() {
        return Arbitraries.of(Rtnetlink.AF_INET, Rtnetlink.AF_INET6).flatMap(family -> {
            int max = family == Rtnetlink.AF_INET ? 32 : 128;
            Arbitrary<InetAddress> ip = ips(family).injectNull(0.4);
            Arbitrary<Long> u32 = Arbitraries.longs().between(-1, 0xffffffffL);
            Arbitrary<String> name = Arbitraries.strings().withChars("abcdefghij0123456789.").ofMinLength(1).ofMaxLength(15).injectNull(0.5);
            return Combinators.combine(ip, ip, Arbitraries.integers().between(0, max), Arbitraries.of(1, 2, 3, 6, 7, 8),
                    Arbitraries.longs().between(0, 0xffffffffL), u32.array(long[].class).ofSize(4), name.list().ofSize(2),
                    Arbitraries.of(true, false))
                    .as((src, dst, len, action, table, v, names, invert) -> new IpRule(family, invert, src, src == null ? 0 : len,
                            dst, dst == null ? 0 : len, action, table, v[0], v[1], v[2], v[3], names.get(0), names.get(1)));
        });
    }
}
