package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.ipvs.IpvsServiceKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LvsReconciler#reload} as keepalived's clear_diff_services: what stays keeps its state and its kernel
 * entries (edited in place, never deleted and added again), what goes is removed with keepalived's lines and
 * scripts, what is new starts as at start.
 */
class LvsReconcilerReloadTest {
    private static final String A = """
            virtual_server 198.51.100.10 80 {
                lvs_sched rr
                protocol TCP
                quorum 3
                sorry_server 203.0.113.9 80
                real_server 203.0.113.2 8080 {
                    weight 2
                    notify_down "/bin/true down2"
                    TCP_CHECK {
                    }
                }
                real_server 203.0.113.3 8080 {
                    weight 2
                    inhibit_on_failure
                    TCP_CHECK {
                    }
                }
            }
            virtual_server 198.51.100.11 443 {
                protocol TCP
                quorum_down "/bin/true qdown11"
                real_server 203.0.113.4 443 {
                    notify_down "/bin/true down4"
                }
            }
            """;

    private static List<String> changes(IpvsTable from, IpvsTable to) {
        Set<IpvsServiceKey> owned = new LinkedHashSet<>(from.keys());
        owned.addAll(to.keys());
        return IpvsDiff.diff(from, to, owned).stream().map(Object::toString).toList();
    }

    @Test
    void reloadingTheSameConfigurationChangesNothing() throws Exception {
        LvsReconciler r = LvsReconciler.start(Configs.plan(A));
        r.verdict(0, 0, false, 2);
        r.drainNotices();
        IpvsTable before = r.desired();
        r.reload(Configs.plan(A));
        assertThat(r.drainNotices()).isEmpty();
        assertThat(r.desired()).isEqualTo(before);
        assertThat(r.alive(0, 0)).isFalse();
    }

    @Test
    void keptServiceIsEditedInPlaceAndKeptServersKeepTheirState() throws Exception {
        LvsReconciler r = LvsReconciler.start(Configs.plan(A));
        r.verdict(0, 1, false, 2);   // .3 down (inhibited: weight 0); alive weight 2 < quorum 3: sorry server in
        IpvsTable before = r.desired();
        r.drainNotices();
        r.reload(Configs.plan("""
                virtual_server 198.51.100.10 80 {
                    lvs_sched wlc
                    protocol TCP
                    quorum 3
                    sorry_server 203.0.113.9 80
                    real_server 203.0.113.2 8080 {
                        weight 2
                        TCP_CHECK {
                        }
                    }
                    real_server 203.0.113.3 8080 {
                        weight 2
                        inhibit_on_failure
                        TCP_CHECK {
                            connect_timeout 3
                        }
                    }
                    real_server 203.0.113.5 8080 {
                        weight 1
                        alpha
                        TCP_CHECK {
                        }
                    }
                }
                """));
        assertThat(r.alive(0, 1)).as(".3 stays down").isFalse();
        assertThat(r.alive(0, 2)).as("a new alpha server starts down").isFalse();
        assertThat(r.quorumUp(0)).isFalse();
        assertThat(r.drainNotices()).extracting(LvsReconciler.Notice::logLine, n -> n.script() == null ? null : n.script().commandLine())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Removing Virtual Server [198.51.100.11]:tcp:443", null),
                        org.assertj.core.groups.Tuple.tuple("Removing service [203.0.113.4]:tcp:443 from VS [198.51.100.11]:tcp:443", "/bin/true down4"),
                        org.assertj.core.groups.Tuple.tuple("Running quorum_down for VS [198.51.100.11]:tcp:443 (removed)", "/bin/true qdown11"));
        assertThat(changes(before, r.desired())).containsExactly(
                "delete service TCP 198.51.100.11:443",
                "edit service TCP 198.51.100.10:80 wlc");
    }

    @Test
    void removedRealServerLeavesWithItsNotifyDownAndQuorumIsDecidedAgain() throws Exception {
        LvsReconciler r = LvsReconciler.start(Configs.plan(A));
        r.drainNotices();
        r.reload(Configs.plan("""
                virtual_server 198.51.100.10 80 {
                    lvs_sched rr
                    protocol TCP
                    quorum 3
                    sorry_server 203.0.113.9 80
                    real_server 203.0.113.3 8080 {
                        weight 2
                        inhibit_on_failure
                        TCP_CHECK {
                        }
                    }
                }
                """));
        List<String> lines = r.drainNotices().stream().map(n -> n.logLine() + (n.script() == null ? "" : " | " + n.script().commandLine())).toList();
        // in configuration order, as clear_diff_services walks the old virtual servers
        assertThat(lines).startsWith(
                "service [203.0.113.2]:tcp:8080 no longer exist",
                "Removing service [203.0.113.2]:tcp:8080 from VS [198.51.100.10]:tcp:80 | /bin/true down2",
                "Removing Virtual Server [198.51.100.11]:tcp:443",
                "Removing service [203.0.113.4]:tcp:443 from VS [198.51.100.11]:tcp:443 | /bin/true down4",
                "Running quorum_down for VS [198.51.100.11]:tcp:443 (removed) | /bin/true qdown11");
        // the parser cut quorum 3 to the new total weight, 2: still met
        assertThat(r.quorumUp(0)).isTrue();
    }

    @Test
    void aStoppedReconcilerIgnoresAReload() throws Exception {
        LvsReconciler r = LvsReconciler.start(Configs.plan(A));
        r.stop();
        r.reload(Configs.plan(A));
        assertThat(r.desired().isEmpty()).isTrue();
    }

    // ------------------------------------------------------------------------------------------ properties

    /** A real server of the generated configurations: which of .2–.6, weight, inhibit. */
    record Rs(int host, int weight, boolean inhibit) {
    }

    record Config(String scheduler, List<Rs> servers) {
        String text() {
            StringBuilder b = new StringBuilder("virtual_server 198.51.100.10 80 {\n protocol TCP\n lvs_sched ")
                    .append(scheduler).append("\n quorum 3\n sorry_server 203.0.113.9 80\n");
            for (Rs rs : servers) {
                b.append(" real_server 203.0.113.").append(rs.host).append(" 8080 {\n  weight ").append(rs.weight).append('\n');
                if (rs.inhibit) {
                    b.append("  inhibit_on_failure\n");
                }
                b.append("  TCP_CHECK {\n  }\n }\n");
            }
            return b.append("}\n").toString();
        }
    }

    record Verdict(int host, boolean up, int weight) {
    }

    @Provide
    Arbitrary<Config> configs() {
        Arbitrary<List<Rs>> servers = Combinators.combine(Arbitraries.integers().between(2, 6), Arbitraries.integers().between(1, 4),
                Arbitraries.of(true, false)).as(Rs::new).list().ofMinSize(1).ofMaxSize(5).uniqueElements(Rs::host);
        return Combinators.combine(Arbitraries.of("rr", "wlc"), servers).as(Config::new);
    }

    @Provide
    Arbitrary<List<Verdict>> verdicts() {
        return Combinators.combine(Arbitraries.integers().between(2, 6), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 4)).as(Verdict::new).list().ofMaxSize(20);
    }

    private static void apply(LvsReconciler r, List<Verdict> verdicts) {
        List<RealServerPlan> rs = r.plans().get(0).realServers();
        for (Verdict v : verdicts) {
            for (int j = 0; j < rs.size(); j++) {
                if (rs.get(j).address().getAddress()[3] == v.host()) {
                    r.verdict(0, j, v.up(), v.weight());
                }
            }
        }
    }

    /**
     * reload(A→B) wants the table a fresh start of B wants once every real server that stays is given the verdict
     * it had under A (its alive state, and its weight if a verdict had changed it); and the kernel moved by the
     * diff never loses the service (it is edited, not deleted).
     */
    @Property(tries = 300)
    void reloadIsAFreshStartWithTheCarriedVerdicts(@ForAll("configs") Config a, @ForAll("configs") Config b,
                                                   @ForAll("verdicts") List<Verdict> verdicts) throws Exception {
        List<VirtualServerPlan> pa = Configs.plan(a.text());
        List<VirtualServerPlan> pb = Configs.plan(b.text());
        LvsReconciler r = LvsReconciler.start(pa);
        apply(r, verdicts);
        IpvsTable before = r.desired();
        List<Verdict> carried = new ArrayList<>();
        for (RealServerPlan rs : pb.get(0).realServers()) {
            List<RealServerPlan> old = pa.get(0).realServers();
            for (int j = 0; j < old.size(); j++) {
                if (old.get(j).sameServer(rs)) {
                    int w = lastWeight(verdicts, old.get(j));
                    carried.add(new Verdict(rs.address().getAddress()[3], r.alive(0, j), w == old.get(j).weight() ? rs.weight() : w));
                }
            }
        }
        r.reload(pb);
        LvsReconciler fresh = LvsReconciler.start(pb);
        apply(fresh, carried);
        assertThat(r.desired()).isEqualTo(fresh.desired());
        assertThat(r.quorumUp(0)).isEqualTo(fresh.quorumUp(0));
        assertThat(changes(before, r.desired())).noneMatch(c -> c.startsWith("delete service") || c.startsWith("add service"));
    }

    private static int lastWeight(List<Verdict> verdicts, RealServerPlan rs) {
        int w = rs.weight();
        for (Verdict v : verdicts) {
            if (rs.address().getAddress()[3] == v.host()) {
                w = v.weight();
            }
        }
        return w;
    }

    @Property(tries = 200)
    void reloadingTheSameConfigurationNeverChangesAnything(@ForAll("configs") Config a, @ForAll("verdicts") List<Verdict> verdicts)
            throws Exception {
        LvsReconciler r = LvsReconciler.start(Configs.plan(a.text()));
        apply(r, verdicts);
        r.drainNotices();
        IpvsTable before = r.desired();
        r.reload(Configs.plan(a.text()));
        assertThat(r.desired()).isEqualTo(before);
        assertThat(r.drainNotices()).isEmpty();
    }
}
