package io.jkeepalived.e2e.ipvs;

import io.jkeepalived.daemon.Main;
import io.jkeepalived.e2e.klab.KernelLab;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.jkeepalived.e2e.ipvs.LvsGlobalsGuestDriver.DIRECTOR;
import static io.jkeepalived.e2e.ipvs.LvsGlobalsGuestDriver.DIRECTOR_IF;
import static io.jkeepalived.e2e.ipvs.LvsGlobalsGuestDriver.PEER;
import static io.jkeepalived.e2e.ipvs.LvsGlobalsGuestDriver.PEER_IF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lvs_timeouts}, {@code lvs_sync_daemon} following its VRRP instance, and {@code ha_suspend} following the
 * virtual address, on a real kernel in ONE kernel-lab boot ({@link LvsGlobalsGuestDriver} inside): keepalived 2.2.7 and
 * jkeepalived run the same configuration in turn, whole (VRRP and checkers), against a keepalived VRRP peer in a
 * second namespace that is stopped and started again; {@code ipvsadm -L --timeout}, {@code ipvsadm -L --daemon} and
 * {@code ipvsadm -Ln} must be the same for both in every phase, and what the phase is about.
 * Run: {@code ./mvnw -o -q -pl daemon -am test -Dtest=LvsGlobalsKernelLabTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (root, qemu, ipvsadm, keepalived; skipped with the reason otherwise).
 */
// runs beside the namespace suites (the guest takes one core, they the other; KernelLab boots one qemu at a time)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class LvsGlobalsKernelLabTest {
    private static final List<String> PHASES = List.of("backup", "suspended", "master", "up", "backup again", "stopped");
    private static KernelLab.Result result;

    @BeforeAll
    static void boot() throws Exception {
        KernelLab.assumeAvailable();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ipvsadm")), "needs ipvsadm (apt-get install ipvsadm)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "needs keepalived 2.2.7 (apt-get install keepalived)");
        String driver = KernelLab.javaCommand(LvsGlobalsGuestDriver.class, "/tmp/jk-lvsops", "/usr/sbin/keepalived",
                "/usr/sbin/keepalived", KernelLab.javaCommand(Main.class));
        result = KernelLab.run(Duration.ofSeconds(1500), String.join("\n",
                "set -e",
                "modprobe ip_vs",
                "ip netns add " + DIRECTOR,
                "ip netns add " + PEER,
                "ip link add " + DIRECTOR_IF + " type veth peer name " + PEER_IF,
                "ip link set " + DIRECTOR_IF + " netns " + DIRECTOR,
                "ip link set " + PEER_IF + " netns " + PEER,
                "ip netns exec " + DIRECTOR + " sh -ec 'ip link set lo up; ip link set " + DIRECTOR_IF + " up; "
                        + "ip addr add 203.0.113.1/24 dev " + DIRECTOR_IF + "; "
                        + "ip addr add 203.0.113.21/32 dev lo; ip addr add 203.0.113.22/32 dev lo'",
                "ip netns exec " + PEER + " sh -ec 'ip link set lo up; ip link set " + PEER_IF + " up; "
                        + "ip addr add 203.0.113.254/24 dev " + PEER_IF + "'",
                "ip netns exec " + DIRECTOR + " " + driver,
                ""));
        System.out.println(result);
    }

    private static String output() {
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.output()).as("%s", result).contains("=== end");
        return result.output();
    }

    /** The lines of part {@code part} (timeout, daemon, table) of {@code daemon}'s {@code phase}, spaces squeezed. */
    private static List<String> part(String out, String daemon, String phase, String part) {
        List<String> lines = GuestDriver.tableLines(out, daemon + " " + phase, part);
        assertThat(lines).as("%s %s reached in %s", daemon, phase, result).isNotNull();
        return lines;
    }

    @Test
    void keepalivedAndJkeepalivedLeaveTheSameTimeoutsSyncDaemonsAndTablesInEveryPhase() {
        String out = output();
        for (String phase : PHASES) {
            for (String part : List.of("timeout", "daemon", "table")) {
                assertThat(part(out, "jkeepalived", phase, part)).as("%s %s (keepalived, then jkeepalived)", phase, part)
                        .isEqualTo(part(out, "keepalived", phase, part));
            }
        }
        assertThat(out).doesNotContain("(not reached)");
    }

    @Test
    void timeoutsAreSetWhileRunningAndTheKernelsComeBackAtStop() {
        String out = output();
        for (String phase : PHASES.subList(0, PHASES.size() - 1)) {
            assertThat(part(out, "jkeepalived", phase, "timeout")).as(phase).containsExactly("Timeout (tcp tcpfin udp): 901 121 301");
        }
        assertThat(part(out, "jkeepalived", "stopped", "timeout")).containsExactly("Timeout (tcp tcpfin udp): 900 120 300");
    }

    @Test
    void theSyncDaemonFollowsTheInstance() {
        String out = output();
        String settings = "(mcast=" + DIRECTOR_IF + ", syncid=7, maxlen=1400, group=239.1.2.3, port=8850, ttl=2)";
        assertThat(part(out, "jkeepalived", "backup", "daemon")).containsExactly("backup sync daemon " + settings);
        assertThat(part(out, "jkeepalived", "master", "daemon")).containsExactly("master sync daemon " + settings);
        assertThat(part(out, "jkeepalived", "backup again", "daemon")).containsExactly("backup sync daemon " + settings);
        assertThat(part(out, "jkeepalived", "stopped", "daemon")).isEmpty();
    }

    @Test
    void checkersWaitForTheVirtualAddress() {
        String out = output();
        assertThat(part(out, "jkeepalived", "suspended", "table")).as("a failed real server stays while suspended")
                .contains("-> 203.0.113.22:80 Masq 2 0 0");
        assertThat(part(out, "jkeepalived", "master", "table")).as("resumed with the VIP: the failure counts")
                .contains("-> 203.0.113.21:80 Masq 1 0 0").doesNotContain("-> 203.0.113.22:80 Masq 2 0 0");
        assertThat(part(out, "jkeepalived", "up", "table")).contains("-> 203.0.113.22:80 Masq 2 0 0");
        assertThat(part(out, "jkeepalived", "stopped", "table")).isEmpty();
    }
}
