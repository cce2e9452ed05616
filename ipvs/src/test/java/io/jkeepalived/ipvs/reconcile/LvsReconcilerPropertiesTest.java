package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.ipvs.IpvsDestination;
import io.jkeepalived.ipvs.IpvsServiceKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any sequence of verdicts: keepalived's invariants hold after each (the sorry server serves exactly while quorum
 * is lost; inhibited servers never leave; alive servers are in with their weight while quorum holds), and the
 * kernel, changed step by step by the diffs, is always what the reconciler wants.
 */
class LvsReconcilerPropertiesTest {
    private static List<VirtualServerPlan> plans;

    @BeforeContainer
    static void plan() throws Exception {
        plans = Configs.plan("""
                virtual_server 198.51.100.10 443 {
                    protocol TCP
                    lvs_sched wlc
                    lvs_method DR
                    quorum 5
                    hysteresis 2
                    sorry_server 203.0.113.9 443
                    real_server 203.0.113.2 443 {
                        weight 3
                        inhibit_on_failure
                    }
                    real_server 203.0.113.3 443 {
                        weight 2
                    }
                    real_server 203.0.113.4 443 {
                        weight 2
                    }
                    real_server 203.0.113.5 443 {
                        weight 1
                        inhibit_on_failure
                    }
                }
                """);
    }

    record Verdict(int rs, boolean up, int weight) {
    }

    @Provide
    Arbitrary<List<Verdict>> verdicts() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 4)).as(Verdict::new).list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void invariantsHoldAndTheKernelFollows(@ForAll("verdicts") List<Verdict> verdicts) {
        LvsReconciler r = LvsReconciler.start(plans);
        VirtualServerPlan p = plans.get(0);
        IpvsServiceKey key = p.services().get(0).key();
        IpvsTable kernel = IpvsDiff.applied(new IpvsTable(), IpvsDiff.diff(new IpvsTable(), r.desired(), r.keys()));
        int[] weights = {3, 2, 2, 1};
        for (Verdict v : verdicts) {
            int w = v.rs() == 1 || v.rs() == 2 ? weights[v.rs()] : v.weight();   // some keep their weight, some change it
            r.verdict(0, v.rs(), v.up(), w);
            weights[v.rs()] = w;
            IpvsTable want = r.desired();
            kernel = IpvsDiff.applied(kernel, IpvsDiff.diff(kernel, want, r.keys()));
            assertThat(kernel).isEqualTo(want);

            var dests = want.get(key).destinations();
            IpvsDestination sorry = dests.get(new IpvsTable.DestKey(p.sorryServer().address(), 443));
            assertThat(sorry != null).as("sorry server in iff quorum lost").isEqualTo(!r.quorumUp(0));
            for (int i = 0; i < 4; i++) {
                RealServerPlan rs = p.realServers().get(i);
                IpvsDestination d = dests.get(new IpvsTable.DestKey(rs.address(), 443));
                if (rs.inhibit()) {
                    assertThat(d).as("inhibited servers stay").isNotNull();
                }
                if (r.alive(0, i) && r.quorumUp(0)) {
                    assertThat(d).isNotNull();
                    assertThat(d.weight()).isEqualTo(weights[i]);
                } else if (!rs.inhibit()) {
                    assertThat(d).isNull();
                } else {
                    assertThat(d.weight()).isZero();
                }
            }
        }
        r.stop();
        assertThat(IpvsDiff.applied(kernel, IpvsDiff.diff(kernel, r.desired(), r.keys())).isEmpty()).isTrue();
    }
}
