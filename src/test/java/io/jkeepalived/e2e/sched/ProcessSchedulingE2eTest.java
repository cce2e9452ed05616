package io.jkeepalived.e2e.sched;

import io.jkeepalived.e2e.NetNs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keepalived's process-scheduling keywords on a running jkeepalived: the daemon (this build, its own JVM, --dry-run so
 * that no IPVS is needed) runs a VRRP master and one TCP_CHECK in namespace {@code jk-vt-sNNNN-h1}, whose veth leads
 * to a bridge namespace (nothing else attached; addresses in 198.51.100.0/24). The test reads each thread's policy,
 * real-time priority and nice value from {@code /proc/PID/task/TID/stat}: the {@code vrrp} thread plays keepalived's
 * VRRP process, the {@code jk-check-*} event loops its checker process, and every other thread is left alone.
 * Needs root and iproute2; skipped otherwise.
 */
class ProcessSchedulingE2eTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_RR = 2;

    /** What one thread runs under: policy, rt priority, nice (proc(5) stat fields 41, 40, 19). */
    record Sched(int policy, int rtPriority, int nice) {
    }

    record Case(String name, String globals, Sched vrrp, Sched checker) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("vrrp_rt_priority 20, checker_priority 5",
                        "    vrrp_rt_priority 20\n    vrrp_priority -3\n    checker_priority 5\n",
                        new Sched(SCHED_RR, 20, 0), new Sched(SCHED_OTHER, 0, 5)),
                new Case("vrrp_priority -4, checker_rt_priority 10",
                        "    vrrp_priority -4\n    checker_rt_priority 10\n    checker_rlimit_rttime 500000\n",
                        new Sched(SCHED_OTHER, 0, -4), new Sched(SCHED_RR, 10, 0)));
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
    }

    static String config(String globals) {
        return "global_defs {\n    router_id vt\n" + globals + "}\n"
                + "vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n"
                + "    priority 150\n    advert_int 1\n    virtual_ipaddress {\n        198.51.100.200/24 dev eth0\n"
                + "    }\n}\n"
                + "virtual_server 198.51.100.100 80 {\n    delay_loop 1\n    lb_algo rr\n    lb_kind NAT\n"
                + "    protocol TCP\n    real_server 198.51.100.2 80 {\n        TCP_CHECK {\n"
                + "            connect_timeout 1\n        }\n    }\n}\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void threadsRunAsConfigured(Case c) throws Exception {
        try (NetNs lab = NetNs.create("vt-s" + ProcessHandle.current().pid() % 10000, 0)) {
            NetNs.Host h1 = lab.addHost("h1");
            h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            Path conf = dir.resolve("k.conf");
            Files.writeString(conf, config(c.globals()));
            NetNs.Daemon d = h1.start(dir.resolve("k.log"),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), "io.jkeepalived.daemon.Main",
                    "-n", "-l", "-D", "-f", conf.toString(), "--dry-run",
                    "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString(),
                    "-c", dir.resolve("c.pid").toString());
            try {
                long pid = d.pid();
                List<Path> vrrp = List.of();
                List<Path> check = List.of();
                for (int i = 0; i < 300 && (vrrp.isEmpty() || check.isEmpty() || !d.output().contains("MASTER STATE")); i++) {
                    Thread.sleep(100);
                    if (!d.process().isAlive()) {
                        break;
                    }
                    vrrp = threads(pid, "vrrp");
                    check = threads(pid, "jk-check-\\d+-\\d+");
                    if (!d.process().isAlive()) {
                        break;
                    }
                }
                assertThat(d.process().isAlive()).as("the daemon runs\n%s", d.output()).isTrue();
                assertThat(d.output()).as("the daemon runs\n%s", d.output()).contains("(VI_1) Entering MASTER STATE");
                assertThat(vrrp).as("one vrrp thread\n%s", d.output()).hasSize(1);
                assertThat(check).as("the checker's event loop threads\n%s", d.output()).isNotEmpty();
                Thread.sleep(500); // a thread applies its settings first thing; let any new one do so
                check = threads(pid, "jk-check-\\d+-\\d+");
                assertThat(sched(vrrp.get(0))).as("vrrp thread").isEqualTo(c.vrrp());
                for (Path t : check) {
                    assertThat(sched(t)).as("checker thread %s", comm(t)).isEqualTo(c.checker());
                }
                // the process's main thread and the others keep the defaults
                assertThat(sched(Path.of("/proc/" + pid + "/task/" + pid))).isEqualTo(new Sched(SCHED_OTHER, 0, 0));
                Path slack = Path.of("/proc/" + vrrp.get(0).getFileName() + "/timerslack_ns");
                if (Files.exists(slack)) {
                    // real-time threads get none from the kernel (since 4.x), the others the 1 µs set
                    assertThat(Files.readString(slack).trim()).as("vrrp thread timer slack")
                            .isIn(c.vrrp().policy() == SCHED_RR ? List.of("0", "1000") : List.of("1000"));
                }
                assertThat(d.output()).doesNotContain("cannot raise priority").doesNotContain("Unable to set process priority");
                System.out.printf("%s: vrrp %s, checker %s (%d threads)%n", c, sched(vrrp.get(0)), sched(check.get(0)),
                        check.size());
            } finally {
                NetNs.killGroup(d, "TERM");
                if (!d.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    NetNs.killGroup(d, "KILL");
                }
            }
        }
    }

    /** The tasks of {@code pid} whose name matches the regular expression {@code name}. */
    static List<Path> threads(long pid, String name) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : s.toList()) {
                String comm;
                try {
                    comm = comm(t);
                } catch (IOException e) {
                    continue; // ended meanwhile
                }
                if (comm.matches(name)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    static String comm(Path task) throws IOException {
        return Files.readString(task.resolve("comm"), StandardCharsets.ISO_8859_1).trim();
    }

    static Sched sched(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"), StandardCharsets.ISO_8859_1);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state)
        return new Sched(Integer.parseInt(f[41 - 3]), Integer.parseInt(f[40 - 3]), Integer.parseInt(f[19 - 3]));
    }
}
