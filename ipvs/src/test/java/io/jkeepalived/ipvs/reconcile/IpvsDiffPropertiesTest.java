package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.ipvs.AddressFamily;
import io.jkeepalived.ipvs.ForwardingMethod;
import io.jkeepalived.ipvs.IpvsDestination;
import io.jkeepalived.ipvs.IpvsProtocol;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;
import io.jkeepalived.ipvs.ServiceFlag;
import io.jkeepalived.ipvs.TunnelChecksum;
import io.jkeepalived.ipvs.TunnelType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diff, applied to the kernel's table (the in-memory table refuses what the kernel refuses), gives the wanted
 * table on the services the configuration owns, leaves every other service as it was, and is empty when there is
 * nothing to do. Services and destinations come from small pools so that tables overlap often.
 */
class IpvsDiffPropertiesTest {

    @Property(tries = 500)
    void applyingTheDiffGivesTheDesiredTableAndLeavesForeignServicesAlone(@ForAll("tables") IpvsTable current,
                                                                       @ForAll("tables") IpvsTable wanted,
                                                                       @ForAll("ownership") Set<Integer> ownedIndexes) {
        Set<IpvsServiceKey> owned = new HashSet<>();
        for (int i : ownedIndexes) {
            owned.add(KEYS.get(i));
        }
        IpvsTable desired = new IpvsTable();
        wanted.services().forEach((k, e) -> {
            if (owned.contains(k)) {
                desired.put(e.service());
                e.destinations().values().forEach(d -> desired.put(k, d));
            }
        });
        List<IpvsChange> changes = IpvsDiff.diff(current, desired, owned);
        IpvsTable after = IpvsDiff.applied(current, changes);   // throws if a change is one the kernel refuses

        IpvsTable ours = new IpvsTable();
        IpvsTable foreignAfter = new IpvsTable();
        IpvsTable foreignBefore = new IpvsTable();
        split(after, owned, ours, foreignAfter);
        split(current, owned, new IpvsTable(), foreignBefore);
        assertThat(ours).isEqualTo(desired);
        assertThat(foreignAfter).isEqualTo(foreignBefore);
        assertThat(changes).noneMatch(c -> c instanceof IpvsChange.Flush || !owned.contains(c.serviceKey()));
        assertThat(IpvsDiff.diff(after, desired, owned)).isEmpty();
    }

    @Property(tries = 200)
    void aTableNeedsNoChangeToBecomeItself(@ForAll("tables") IpvsTable t) {
        assertThat(IpvsDiff.diff(t, t.copy(), t.keys())).isEmpty();
    }

    /** Each change touches what differs: never more requests than services plus destinations involved. */
    @Property(tries = 200)
    void theDiffIsNoLargerThanTheTwoTables(@ForAll("tables") IpvsTable current, @ForAll("tables") IpvsTable desired) {
        Set<IpvsServiceKey> owned = new HashSet<>(KEYS);
        int size = 0;
        for (IpvsTable t : List.of(current, desired)) {
            for (IpvsTable.Entry e : t.services().values()) {
                size += 1 + e.destinations().size();
            }
        }
        assertThat(IpvsDiff.diff(current, desired, owned).size()).isLessThanOrEqualTo(size);
    }

    private static void split(IpvsTable t, Set<IpvsServiceKey> owned, IpvsTable ours, IpvsTable foreign) {
        t.services().forEach((k, e) -> {
            IpvsTable into = owned.contains(k) ? ours : foreign;
            into.put(e.service());
            e.destinations().values().forEach(d -> into.put(k, d));
        });
    }

    private static final List<IpvsServiceKey> KEYS = List.of(
            IpvsServiceKey.of(IpvsProtocol.TCP, ip("198.51.100.10"), 80),
            IpvsServiceKey.of(IpvsProtocol.UDP, ip("198.51.100.10"), 80),
            IpvsServiceKey.of(IpvsProtocol.TCP, ip("198.51.100.11"), 443),
            IpvsServiceKey.of(IpvsProtocol.SCTP, ip("2001:db8::10"), 9000),
            IpvsServiceKey.fwmark(AddressFamily.INET, 7),
            IpvsServiceKey.fwmark(AddressFamily.INET6, 7));
    private static final List<InetAddress> REALS = List.of(ip("203.0.113.2"), ip("203.0.113.3"), ip("203.0.113.4"),
            ip("2001:db8::20"));

    @Provide
    Arbitrary<Set<Integer>> ownership() {
        return Arbitraries.integers().between(0, KEYS.size() - 1).set();
    }

    @Provide
    Arbitrary<IpvsTable> tables() {
        Arbitrary<IpvsService> service = Combinators.combine(Arbitraries.of(KEYS), Arbitraries.of("rr", "wlc", "sh"),
                Arbitraries.of(ServiceFlag.SCHED1, ServiceFlag.SCHED2, ServiceFlag.ONE_PACKET).set(),
                Arbitraries.of(0, 60, 300)).as((k, sched, flags, timeout) -> {
                    IpvsService s = IpvsService.of(k, sched).withFlags(flags);
                    return timeout == 0 ? s : s.withPersistence(timeout, k.family() == AddressFamily.INET ? 24 : 64);
                });
        Arbitrary<IpvsDestination> dest = Combinators.combine(Arbitraries.of(REALS), Arbitraries.of(0, 80, 8080),
                Arbitraries.of(ForwardingMethod.MASQ, ForwardingMethod.DIRECT_ROUTE, ForwardingMethod.TUNNEL),
                Arbitraries.integers().between(0, 3), Arbitraries.of(0L, 100L), Arbitraries.of(TunnelType.values()))
                .as((a, port, fwd, weight, upper, tun) -> {
                    IpvsDestination d = IpvsDestination.of(a, port, fwd).withWeight(weight).withThresholds(upper, 0);
                    return tun == TunnelType.GUE ? d.withTunnel(tun, 6080, TunnelChecksum.CSUM) : d.withTunnel(tun, 0, TunnelChecksum.NOCSUM);
                });
        return Combinators.combine(service.list().ofMaxSize(5), dest.list().ofMaxSize(12)).as((services, dests) -> {
            IpvsTable t = new IpvsTable();
            services.forEach(t::put);
            List<IpvsServiceKey> keys = List.copyOf(t.keys());
            for (int i = 0; i < dests.size() && !keys.isEmpty(); i++) {
                IpvsServiceKey k = keys.get(i % keys.size());
                IpvsDestination d = dests.get(i);
                // only a tunnel may cross families, as the kernel requires
                if (d.family() == k.family() || d.forwarding() == ForwardingMethod.TUNNEL) {
                    t.put(k, d);
                }
            }
            return t;
        });
    }

    private static InetAddress ip(String s) {
        return LvsPlanner.address(s);
    }
}
