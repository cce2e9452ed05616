package io.jkeepalived.e2e.ipvs;

import io.jkeepalived.daemon.Main;
import io.jkeepalived.e2e.klab.KernelLab;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IPVS reconciler on a real kernel, in ONE kernel-lab boot ({@link ReconcileGuestDriver} inside):
 * <ol>
 *   <li>the reconciler and applier through start, a real server down and up, a configuration change, a repair
 *       of a hand-edited destination and stop, next to a service that is not the configuration's; each phase's
 *       wanted table must be what ipvsadm -Ln shows, and the changes sent the smallest set;</li>
 *   <li>the differential: the same virtual_server configuration run by keepalived 2.2.7 ({@code keepalived -C})
 *       and by {@code jkeepalived -C}, real servers being TCP listeners in a second namespace that close and open
 *       again; ipvsadm -Ln must be the same for both after start, down, up and stop.</li>
 * </ol>
 * Run: {@code ./mvnw -o -q -pl daemon -am test -Dtest=IpvsReconcileKernelLabTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (root, qemu, ipvsadm, keepalived; skipped with the reason otherwise).
 */
// runs beside the namespace suites (the guest takes one core, they the other; KernelLab boots one qemu at a time)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class IpvsReconcileKernelLabTest {
    private static KernelLab.Result result;

    @BeforeAll
    static void boot() throws Exception {
        KernelLab.assumeAvailable();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ipvsadm")), "needs ipvsadm (apt-get install ipvsadm)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "needs keepalived 2.2.7 (apt-get install keepalived)");
        String reconcile = KernelLab.javaCommand(ReconcileGuestDriver.class, "reconcile");
        String jkeepalived = KernelLab.javaCommand(Main.class);
        String diff = KernelLab.javaCommand(ReconcileGuestDriver.class, "diff", "/tmp/jk-rc", "/usr/sbin/keepalived", jkeepalived);
        result = KernelLab.run(Duration.ofSeconds(1500), String.join("\n",
                "set -e",
                "modprobe ip_vs",
                "ip netns add " + ReconcileGuestDriver.DIRECTOR_NS,
                "ip netns add jk-rc-real",
                "ip link add jk-rc-d type veth peer name jk-rc-r",
                "ip link set jk-rc-d netns " + ReconcileGuestDriver.DIRECTOR_NS,
                "ip link set jk-rc-r netns jk-rc-real",
                "ip netns exec " + ReconcileGuestDriver.DIRECTOR_NS + " sh -ec 'ip link set lo up; ip link set jk-rc-d up; "
                        + "ip addr add 203.0.113.1/24 dev jk-rc-d; ip addr add 198.51.100.10/32 dev lo'",
                "ip netns exec jk-rc-real sh -ec 'ip link set lo up; ip link set jk-rc-r up; "
                        + "ip addr add 203.0.113.2/24 dev jk-rc-r; ip addr add 203.0.113.3/24 dev jk-rc-r; "
                        + "ip addr add 203.0.113.4/24 dev jk-rc-r'",
                "ip netns exec " + ReconcileGuestDriver.DIRECTOR_NS + " " + reconcile,
                // jkeepalived ipvs list next to ipvsadm, on what phase A left (the foreign service)
                "for v in '' --stats --rate; do",
                "  echo \"=== ipvs list${v:+ $v}\"; echo '--- jkeepalived'",
                "  ip netns exec " + ReconcileGuestDriver.DIRECTOR_NS + " " + KernelLab.javaCommand(Main.class, "ipvs", "list") + " $v",
                "  echo '--- ipvsadm'; ip netns exec " + ReconcileGuestDriver.DIRECTOR_NS + " ipvsadm -Ln $v",
                "done",
                "ip netns exec jk-rc-real " + diff,
                ""));
        System.out.println(result);
    }

    private static String output() {
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.output()).as("%s", result).contains("=== end");
        return result.output();
    }

    /** The lines of section {@code name} of {@code phase}, trimmed, blank and header lines dropped. */
    static List<String> section(String out, String phase, String name) {
        List<String> lines = GuestDriver.tableLines(out, phase, name);
        assertThat(lines).as("phase %s%s in %s", phase, name == null ? "" : " section " + name, result).isNotNull();
        return lines;
    }

    private static final String FOREIGN = "TCP 198.51.100.99:80 rr";

    @Test
    void eachPhasesWantedTableIsWhatIpvsadmShowsAndForeignServicesStay() {
        String out = output();
        for (String phase : List.of("start", "down", "up", "reconfigured", "repaired", "stopped")) {
            List<String> kernel = section(out, phase, "ipvsadm -Ln");
            List<String> ours = new ArrayList<>(kernel);
            int f = ours.indexOf(FOREIGN);
            assertThat(f).as("%s: the foreign service is still there: %s", phase, kernel).isNotNegative();
            ours.remove(f);
            ours.remove(f);   // its one destination
            assertThat(ours).as("%s", phase).isEqualTo(section(out, phase, "desired"));
            assertThat(section(out, phase, "client")).as("%s: ipvs list vs ipvsadm", phase).isEqualTo(kernel);
            assertThat(out.substring(out.indexOf("=== " + phase + "\n"))).doesNotStartWith("error");
        }
        assertThat(out).doesNotContain("\nerror ");
    }

    @Test
    void startProgramsEveryServiceKind() {
        assertThat(section(output(), "start", "desired")).containsExactly(
                "TCP 198.51.100.10:80 rr",
                "-> 203.0.113.2:8080 Masq 2 0 0",
                "-> 203.0.113.3:8080 Masq 1 0 0",
                "TCP 198.51.100.10:443 wlc persistent 300 mask 255.255.255.0",
                "-> 203.0.113.2:443 Route 1 0 0",
                "-> 203.0.113.3:443 Route 1 0 0",
                "FWM 7 sh (sh-port)",
                "-> 203.0.113.2:0 Tunnel 1 0 0",
                "-> 203.0.113.3:0 Tunnel 1 0 0");
    }

    @Test
    void aDownServerIsRemovedAndLostQuorumBringsTheSorryServerWithTheSmallestChanges() {
        String out = output();
        assertThat(section(out, "down", "changes")).containsExactly(
                "delete destination 203.0.113.3:8080 of service TCP 198.51.100.10:80",
                "delete destination 203.0.113.3:443 of service TCP 198.51.100.10:443",
                "edit destination 203.0.113.2:443 Route weight 0 of service TCP 198.51.100.10:443",
                "add destination 203.0.113.9:443 Route weight 1 to service TCP 198.51.100.10:443",
                "delete destination 203.0.113.3:0 of service FWM 7");
        assertThat(section(out, "down", "notices")).contains("Lost quorum 2-0=2 > 1 for VS [198.51.100.10]:tcp:443",
                "Adding sorry server [203.0.113.9]:tcp:443 to VS [198.51.100.10]:tcp:443");
        assertThat(section(out, "up", "ipvsadm -Ln")).doesNotContain("-> 203.0.113.9:443 Route 1 0 0")
                .contains("-> 203.0.113.3:8080 Masq 1 0 0", "-> 203.0.113.2:443 Route 1 0 0");
    }

    @Test
    void aConfigurationChangeEditsAddsAndDeletesOnlyWhatChanged() {
        String out = output();
        assertThat(section(out, "reconfigured", "changes")).containsExactlyInAnyOrder(
                "delete service FWM 7",
                "edit service TCP 198.51.100.10:80 wlc",
                "delete destination 203.0.113.3:8080 of service TCP 198.51.100.10:80",
                "add destination 203.0.113.4:8080 Masq weight 5 to service TCP 198.51.100.10:80",
                "add service UDP 198.51.100.10:53 rr one-packet",
                "add destination 203.0.113.5:53 Masq weight 1 to service UDP 198.51.100.10:53");
        assertThat(section(out, "repaired", "changes")).containsExactly(
                "edit destination 203.0.113.4:8080 Masq weight 5 of service TCP 198.51.100.10:80");
    }

    @Test
    void stopRemovesOurServicesOnly() {
        String out = output();
        assertThat(section(out, "stopped", "ipvsadm -Ln")).containsExactly(FOREIGN, "-> 203.0.113.50:80 Masq 1 0 0");
        assertThat(section(out, "stopped", "/proc/net/ip_vs")).hasSize(2);   // the foreign service and its destination
    }

    @Test
    void ipvsListPrintsWhatIpvsadmPrints() {
        String out = output();
        for (String v : List.of("", " --stats", " --rate")) {
            int p = out.indexOf("=== ipvs list" + v + "\n");
            assertThat(p).as("ipvs list%s in %s", v, result).isNotNegative();
            int mine = out.indexOf("--- jkeepalived\n", p) + "--- jkeepalived\n".length();
            int theirs = out.indexOf("--- ipvsadm\n", p);
            int end = out.indexOf("===", theirs);
            List<String> a = out.substring(mine, theirs).strip().lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
            List<String> b = out.substring(theirs + "--- ipvsadm\n".length(), end).strip().lines()
                    .map(l -> l.strip().replaceAll("\\s+", " ")).toList();
            assertThat(a).as("jkeepalived ipvs list%s vs ipvsadm -Ln%s", v, v).isEqualTo(b).isNotEmpty();
        }
    }

    @Test
    void keepalivedAndJkeepalivedLeaveTheSameTablesInEveryPhase() {
        String out = output();
        for (String phase : List.of("start", "down", "up", "stop")) {
            List<String> theirs = section(out, "keepalived " + phase, null);
            List<String> ours = section(out, "jkeepalived " + phase, null);
            assertThat(ours).as("%s (keepalived, then jkeepalived)", phase).isEqualTo(theirs);
        }
        assertThat(section(out, "keepalived down", null)).contains("-> 203.0.113.9:443 Route 1 0 0", "-> 203.0.113.2:443 Route 0 0 0");
        assertThat(out).doesNotContain("(not reached)");
    }

    /** The HTTP_GET and MISC_CHECK part of the differential: each phase is what the flips meant, for both daemons. */
    @Test
    void httpGetAndMiscDynamicFollowTheirServersAsKeepalivedDoes() {
        String out = output();
        for (String daemon : List.of("keepalived", "jkeepalived")) {
            assertThat(section(out, daemon + " start", null)).as(daemon).contains(
                    "TCP 198.51.100.10:8081 wrr", "-> 203.0.113.2:8081 Masq 3 0 0", "-> 203.0.113.3:8081 Masq 1 0 0",
                    "-> 203.0.113.4:8081 Masq 2 0 0",
                    "TCP 198.51.100.10:9000 wrr", "-> 203.0.113.2:9000 Masq 3 0 0", "-> 203.0.113.3:9000 Masq 4 0 0");
            // down: a 503 and a changed digest evict, inhibit_on_failure keeps .4 at weight 0; exit 7 = weight 5,
            // exit 1 = down
            assertThat(section(out, daemon + " down", null)).as(daemon)
                    .contains("-> 203.0.113.4:8081 Masq 0 0 0", "-> 203.0.113.2:9000 Masq 5 0 0")
                    .noneMatch(l -> l.startsWith("-> 203.0.113.2:8081") || l.startsWith("-> 203.0.113.3:8081")
                            || l.startsWith("-> 203.0.113.3:9000"));
            assertThat(section(out, daemon + " up", null)).as(daemon).contains(
                    "-> 203.0.113.2:8081 Masq 3 0 0", "-> 203.0.113.3:8081 Masq 1 0 0", "-> 203.0.113.4:8081 Masq 2 0 0",
                    "-> 203.0.113.2:9000 Masq 0 0 0", "-> 203.0.113.3:9000 Masq 4 0 0");
        }
    }
}
