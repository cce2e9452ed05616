package io.jkeepalived.e2e.klab;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel lab works: the guest kernel has IPVS and ipvsadm drives it, the guest can run this test's own
 * JDK (the IPVS client tests run a JVM in the guest), exit statuses come back, and a hung guest is killed.
 * Each test boots a guest (seconds to tens of seconds under TCG, see the kernel-lab README).
 */
// runs beside the namespace suites (the guest takes one core, they the other; KernelLab boots one qemu at a time)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class KernelLabSmokeTest {

    @BeforeAll
    static void lab() {
        KernelLab.assumeAvailable();
    }

    @Test
    void ipvsadmDrivesTheGuestKernelsIpvsPerNetworkNamespace() throws Exception {
        // The guest's userspace is the host's: ipvsadm comes from there.
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ipvsadm")) || Files.isExecutable(Path.of("/sbin/ipvsadm")),
                "needs ipvsadm (apt-get install ipvsadm)");
        KernelLab.Result r = KernelLab.run("""
                set -e
                modprobe ip_vs
                ipvsadm -A -t 198.51.100.10:80 -s rr
                ipvsadm -a -t 198.51.100.10:80 -r 203.0.113.2:80 -m
                ipvsadm -Ln
                # IPVS tables are per network namespace: a new one starts empty, its own changes stay there.
                ip netns add jk-klab
                ip link add v0 type veth peer name v1 netns jk-klab
                ip netns exec jk-klab ipvsadm -A -u 198.51.100.20:53 -s wlc
                echo "--- jk-klab"
                ip netns exec jk-klab ipvsadm -Ln
                echo "--- root again"
                ipvsadm -Ln
                """);

        assertThat(r.exitCode()).as("%s", r).isZero();
        String[] parts = r.output().split("--- jk-klab\n|--- root again\n");
        assertThat(parts).as("%s", r).hasSize(3);
        assertThat(parts[0]).as("%s", r)
                .contains("IP Virtual Server version")
                .containsPattern("(?m)^TCP  198\\.51\\.100\\.10:80 rr\\s*$")
                .containsPattern("(?m)^  -> 203\\.0\\.113\\.2:80\\s+Masq\\s+1\\s+0\\s+0\\s*$");
        assertThat(parts[1]).as("%s", r)
                .containsPattern("(?m)^UDP  198\\.51\\.100\\.20:53 wlc\\s*$")
                .doesNotContain("198.51.100.10");
        assertThat(parts[2]).as("%s", r).contains("198.51.100.10:80").doesNotContain("198.51.100.20");
    }

    @Test
    void guestRunsThisJdkAndTestClassesAndReturnsTheExitCode() throws Exception {
        String java = KernelLab.shellQuote(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        KernelLab.Result r = KernelLab.run(java + " -version; echo \"java exit $?\"\n"
                + KernelLab.javaCommand(InGuest.class, "it's") + "\nexit 3");

        assertThat(r.exitCode()).as("%s", r).isEqualTo(3);
        assertThat(r.output()).as("%s", r)
                .contains("version \"" + System.getProperty("java.specification.version"))
                .contains("java exit 0")
                .containsPattern("(?m)^in guest: it's, kernel 6\\.1\\.0-\\d+-amd64$");
    }

    /** Runs in the guest's JVM. */
    public static final class InGuest {
        public static void main(String[] args) {
            System.out.println("in guest: " + args[0] + ", kernel " + System.getProperty("os.version"));
        }
    }

    @Test
    void aGuestThatDoesNotFinishIsKilledAtItsTimeout() throws Exception {
        KernelLab.Result r = KernelLab.run(Duration.ofSeconds(3), "sleep 600");

        assertThat(r.exitCode()).as("%s", r).isEqualTo(KernelLab.Result.TIMEOUT);
        assertThat(r.log()).contains("TIMEOUT");
    }
}
