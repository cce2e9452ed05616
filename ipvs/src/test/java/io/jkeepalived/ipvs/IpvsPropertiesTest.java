package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.Attributes;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.genl.GenlMsgHdr;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Encoding then decoding gives back the same record, for services, destinations, daemons, timeouts and info. */
class IpvsPropertiesTest {

    @Property
    void serviceRepliesRoundTrip(@ForAll("services") IpvsService s, @ForAll int seq) throws Exception {
        assertThat(ServiceMessages.decode(Golden.message(ServiceMessages.encodeReply(Golden.FAMILY, seq, s)))).isEqualTo(s);
    }

    @Property
    void serviceRequestsCarryTheServiceMinusHashedAndStats(@ForAll("services") IpvsService s) throws Exception {
        NetlinkMessage m = Golden.message(ServiceMessages.newService(Golden.FAMILY, 1, s));
        assertThat(GenlMsgHdr.cmd(m)).isEqualTo(IpvsMessages.IPVS_CMD_NEW_SERVICE);
        Attributes top = GenlMsgHdr.attributes(m, 0);
        EnumSet<ServiceFlag> flags = s.flags().isEmpty() ? EnumSet.noneOf(ServiceFlag.class) : EnumSet.copyOf(s.flags());
        flags.remove(ServiceFlag.HASHED);
        assertThat(ServiceMessages.decodeService(top.nested(IpvsMessages.IPVS_CMD_ATTR_SERVICE)))
                .isEqualTo(s.withFlags(flags).withStats(null));
    }

    @Property
    void destinationRepliesRoundTrip(@ForAll("destinations") IpvsDestination d, @ForAll boolean v6Service) throws Exception {
        assertThat(DestinationMessages.decode(Golden.message(DestinationMessages.encodeReply(Golden.FAMILY, 3, d)),
                v6Service ? AddressFamily.INET6 : AddressFamily.INET)).isEqualTo(d);
    }

    @Property
    void daemonRepliesRoundTrip(@ForAll("daemons") IpvsSyncDaemon d) throws Exception {
        assertThat(DaemonMessages.decode(Golden.message(DaemonMessages.encodeReply(Golden.FAMILY, 3, d)))).isEqualTo(d);
    }

    @Property
    void timeoutsAndInfoRoundTrip(@ForAll("seconds") int tcp, @ForAll("seconds") int fin, @ForAll("seconds") int udp,
                                  @ForAll int version, @ForAll int size) throws Exception {
        IpvsTimeouts t = new IpvsTimeouts(tcp, fin, udp);
        assertThat(ConfigMessages.decode(Golden.message(ConfigMessages.encodeReply(Golden.FAMILY, 1, t)))).isEqualTo(t);
        IpvsInfo i = new IpvsInfo(version, size);
        assertThat(InfoMessages.decode(Golden.message(InfoMessages.encodeReply(Golden.FAMILY, 1, i)))).isEqualTo(i);
    }

    @Provide
    Arbitrary<Integer> seconds() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    @Provide
    Arbitrary<IpvsService> services() {
        Arbitrary<IpvsServiceKey> keys = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(IpvsProtocol.class), addresses(), Arbitraries.integers().between(0, 65535))
                        .as(IpvsServiceKey::of),
                Combinators.combine(Arbitraries.of(AddressFamily.class), Arbitraries.integers().filter(i -> i != 0))
                        .as(IpvsServiceKey::fwmark));
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(15);
        Arbitrary<Set<ServiceFlag>> flags = Arbitraries.subsetOf(ServiceFlag.values());
        Arbitrary<IpvsStats> stats = Arbitraries.oneOf(Arbitraries.just(null), statsArbitrary());
        return Combinators.combine(keys, names, flags, Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(0, 128), Arbitraries.oneOf(Arbitraries.just(null), names), stats)
                .as((k, sched, f, timeout, mask, pe, st) -> new IpvsService(k, sched, f, timeout,
                        k.family() == AddressFamily.INET ? mask % 33 : Math.max(1, mask), pe, st));
    }

    @Provide
    Arbitrary<IpvsDestination> destinations() {
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xffff_ffffL);
        return Combinators.combine(addresses(), Arbitraries.integers().between(0, 65535), Arbitraries.of(ForwardingMethod.class),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), u32, u32,
                Arbitraries.of(TunnelType.class), Arbitraries.integers().between(0, 65535))
                .flatAs((addr, port, fwd, weight, u, l, tt, tp) -> Combinators.combine(Arbitraries.of(TunnelChecksum.class), u32, u32, u32, statsArbitrary())
                        .as((tc, a, i, p, st) -> new IpvsDestination(addr, port, fwd, weight, u, l, tt, tp, tc, a, i, p, st)));
    }

    @Provide
    Arbitrary<IpvsSyncDaemon> daemons() {
        Arbitrary<InetAddress> groups = Arbitraries.oneOf(Arbitraries.just(null), addresses());
        return Combinators.combine(Arbitraries.of(SyncState.class), Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(15),
                Arbitraries.integers(), Arbitraries.integers().between(0, 65535), groups, Arbitraries.integers().between(0, 65535),
                Arbitraries.integers().between(0, 255))
                .as(IpvsSyncDaemon::new);
    }

    static Arbitrary<IpvsStats> statsArbitrary() {
        Arbitrary<Long> n = Arbitraries.longs();
        return Combinators.combine(n, n, n, n, n, n, n, n).flatAs((a, b, c, d, e, f, g, h) -> Combinators.combine(n, n)
                .as((i, j) -> new IpvsStats(a, b, c, d, e, f, g, h, i, j)));
    }

    static Arbitrary<InetAddress> addresses() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4), Arbitraries.bytes().array(byte[].class).ofSize(16))
                .map(b -> {
                    try {
                        return InetAddress.getByAddress(b);
                    } catch (UnknownHostException e) {
                        throw new IllegalStateException(e);
                    }
                })
                // An IPv4-mapped IPv6 address becomes an Inet4Address in Java; keep only what round-trips as itself.
                .filter(a -> a.getAddress().length == 4 || a instanceof java.net.Inet6Address);
    }
}
