package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.NetNs;
import io.jkeepalived.e2e.vrrp.Director.Kind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a master must survive: a stale VIP left by a kill -9 (removed at start, as keepalived does), and a flood of
 * malformed protocol-112 packets (dropped, logged rate-limited; the daemon keeps its VIP and its adverts).
 */
class VrrpRobustnessTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3"))
                        || Files.isExecutable(Path.of("/usr/local/bin/python3")) || onPath("python3"),
                "needs python3 to send raw packets");
    }

    private static boolean onPath(String cmd) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, cmd))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void staleVipIsRemovedAndGarbageIsSurvived() throws Exception {
        try (NetNs lab = NetNs.create("vg" + ProcessHandle.current().pid() % 100000, 0)) {
            NetNs.Host h1 = lab.addHost("h1");
            NetNs.Host h2 = lab.addHost("h2");
            h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            h2.check("ip", "addr", "add", "198.51.100.2/24", "dev", "eth0");
            // what a kill -9 leaves behind
            h1.check("ip", "addr", "add", "198.51.100.100/24", "dev", "eth0");
            Director jk = new Director(Kind.JKEEPALIVED, h1, "h1", dir);
            try {
                jk.start(VrrpInteropTest.config(VrrpInteropTest.V3_01, "h1", "BACKUP", 100, "198.51.100.1",
                        "198.51.100.2"));
                assertThat(jk.awaitLog("(VI_1) Entering BACKUP STATE", 20_000)).as(jk.log()).isTrue();
                assertThat(jk.log()).contains("(VI_1) removing VIPs.");
                assertThat(VrrpInteropTest.hasVip(h1)).as("the stale VIP is gone while BACKUP").isFalse();
                assertThat(jk.awaitLog("(VI_1) Entering MASTER STATE", 10_000)).as(jk.log()).isTrue();

                // 3000 packets: random bytes, truncated headers, good headers with bad checksums, wrong versions
                NetNs.Result sent = h2.exec(60, "python3", "-c", """
                        import os, random, socket, struct
                        random.seed(7)
                        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 112)
                        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 255)
                        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton('198.51.100.2'))
                        n = 0
                        for i in range(3000):
                            k = i % 4
                            if k == 0:
                                p = os.urandom(random.randrange(0, 80))
                            elif k == 1:
                                p = bytes([0x31, 51])[: random.randrange(0, 2)]
                            elif k == 2:
                                p = struct.pack('!BBBBHH', 0x31, 51, 0, 1, 10, random.randrange(65536)) + socket.inet_aton('198.51.100.100')
                            else:
                                p = struct.pack('!BBBBHH', (random.randrange(16) << 4) | 1, 51, 200, 1, 10, 0) + os.urandom(4)
                            s.sendto(p, ('224.0.0.18', 0))
                            n += 1
                        print(n)
                        """);
                assertThat(sent.exit()).as(sent.output()).isZero();
                Thread.sleep(1_000);
                assertThat(jk.daemon.process().isAlive()).as("still running\n%s", jk.log()).isTrue();
                assertThat(VrrpInteropTest.hasVip(h1)).as("still holds the VIP\n%s", jk.log()).isTrue();
                String log = jk.log();
                assertThat(log).as("stays master: the garbage's priority 200 is never believed")
                        .doesNotContain("Entering BACKUP STATE\n");
                long rejectionLines = log.lines().filter(l -> l.contains("(VI_1)") && !l.contains("STATE")
                        && !l.contains("VIPs") && !l.contains("gratuitous")).count();
                assertThat(rejectionLines).as("rejections are logged, rate-limited\n%s", log).isBetween(1L, 60L);
            } finally {
                jk.signal("KILL");
            }
        }
    }
}
