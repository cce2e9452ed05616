package io.jkeepalived.e2e.ipvs;

import io.jkeepalived.e2e.klab.KernelLab;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class IpvsKernelLabTest {
    private static KernelLab.Result result;

    @BeforeAll
    static void boot() throws Exception {
        KernelLab.assumeAvailable();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ipvsadm")) || Files.isExecutable(Path.of("/sbin/ipvsadm")),
                "needs ipvsadm (apt-get install ipvsadm)");
        result = KernelLab.run(Duration.ofSeconds(240), "set -e\nmodprobe ip_vs\nip link add jk-sync type dummy\nip link set jk-sync multicast on up\n"
                + KernelLab.javaCommand(IpvsGuestDriver.class));
    }

    @Test
    void dump() {
        System.out.println(result);
        assertThat(result.exitCode()).as("%s", result).isZero();
    }
}
