package io.jkeepalived.e2e.ipvs;

import io.jkeepalived.e2e.klab.KernelLab;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker side of SIGHUP on a real kernel, in ONE kernel-lab boot ({@link CheckReloadGuestDriver} inside):
 * jkeepalived's {@code HealthcheckService} goes start(A) → reload(B) → reload(A) → stop with real TCP_CHECKs, and
 * keepalived 2.2.7 {@code -C} goes through the same configurations by {@code kill -HUP}. Checked at each step:
 * <ul>
 *   <li>the table ipvsadm -Ln shows is the expected one, and the same for both daemons (counters aside);</li>
 *   <li>services that stay are not re-created: their {@code --stats} connection counters survive the reloads (a
 *       deleted and re-added service would start again from 0), for the untouched persistent service and for the
 *       one whose scheduler B changes (edited in place), and the persistence template of the client stays;</li>
 *   <li>a real server that stays keeps its state: the one that is down stays out after each reload.</li>
 * </ul>
 * Run: {@code ./mvnw -o -q -pl daemon -am test -Dtest=CheckReloadKernelLabTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (root, qemu, ipvsadm, keepalived; skipped with the reason otherwise).
 */
// runs beside the namespace suites (the guest takes one core, they the other; KernelLab boots one qemu at a time)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class CheckReloadKernelLabTest {
    private static final String DIR = CheckReloadGuestDriver.DIRECTOR_NS;
    private static final String REAL = "jk-rc-hreal";
    private static final String CLI = CheckReloadGuestDriver.CLIENT_NS;
    private static final List<String> PHASES = List.of("start", "traffic", "reloadB", "reloadA", "stop");
    private static KernelLab.Result result;

    @BeforeAll
    static void boot() throws Exception {
        KernelLab.assumeAvailable();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ipvsadm")), "needs ipvsadm (apt-get install ipvsadm)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "needs keepalived 2.2.7 (apt-get install keepalived)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3 for the real servers' listeners");
        String jk = KernelLab.javaCommand(CheckReloadGuestDriver.class, "jk", "/tmp/jk-rc-jk");
        String ka = KernelLab.javaCommand(CheckReloadGuestDriver.class, "ka", "/tmp/jk-rc-ka", "/usr/sbin/keepalived");
        result = KernelLab.run(Duration.ofSeconds(900), String.join("\n",
                "set -e",
                "modprobe ip_vs",
                "ip netns add " + DIR, "ip netns add " + REAL, "ip netns add " + CLI,
                "ip link add jk-rc-d type veth peer name jk-rc-r",
                "ip link set jk-rc-d netns " + DIR, "ip link set jk-rc-r netns " + REAL,
                "ip link add jk-rc-dc type veth peer name jk-rc-c",
                "ip link set jk-rc-dc netns " + DIR, "ip link set jk-rc-c netns " + CLI,
                "ip netns exec " + DIR + " sh -ec 'ip link set lo up; ip link set jk-rc-d up; ip link set jk-rc-dc up; "
                        + "ip addr add 203.0.113.1/24 dev jk-rc-d; ip addr add 198.51.100.129/25 dev jk-rc-dc; "
                        + "ip addr add 198.51.100.10/32 dev lo; sysctl -qw net.ipv4.ip_forward=1'",
                "ip netns exec " + REAL + " sh -ec 'ip link set lo up; ip link set jk-rc-r up; ip addr add 203.0.113.2/24 dev jk-rc-r; "
                        + "ip addr add 203.0.113.3/24 dev jk-rc-r; ip route add default via 203.0.113.1'",
                "ip netns exec " + CLI + " sh -ec 'ip link set lo up; ip link set jk-rc-c up; ip addr add 198.51.100.130/25 dev jk-rc-c; "
                        + "ip route add default via 198.51.100.129'",
                "cat > /tmp/jk-rc-server.py <<'PY'",
                "import socket, threading",
                "def serve(addr, port):",
                "    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((addr, port)); s.listen(64)",
                "    while True:",
                "        c, _ = s.accept()",
                "        try:",
                "            c.sendall(b'x')",
                "        except OSError:",
                "            pass",
                "        c.close()",
                "for a in ('203.0.113.2', '203.0.113.3'):",
                "    threading.Thread(target=serve, args=(a, 8080), daemon=False).start()",
                "PY",
                "cat > " + CheckReloadGuestDriver.CLIENT + " <<'PY'",
                "import socket, sys",
                "port, n, ok = int(sys.argv[1]), int(sys.argv[2]), 0",
                "for i in range(n):",
                "    try:",
                "        s = socket.create_connection(('198.51.100.10', port), timeout=3); s.recv(1); s.close(); ok += 1",
                "    except OSError as e:",
                "        print('client error', port, e)",
                "print('client ok', port, ok)",
                "PY",
                "ip netns exec " + REAL + " python3 /tmp/jk-rc-server.py &",
                "sleep 1",
                "ip netns exec " + DIR + " " + jk,
                "ip netns exec " + DIR + " " + ka,
                ""));
        System.out.println(result);
    }

    private static String output() {
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.output()).as("%s", result).contains("=== end jk").contains("=== end ka");
        return result.output();
    }

    /** ipvsadm -Ln of a phase: each service with its destinations, sorted, without the connection counters. */
    static List<String> table(String out, String daemon, String phase) {
        List<String> lines = GuestDriver.lines(out, daemon + " " + phase, "ipvsadm -Ln");
        assertThat(lines).as("%s %s reached its table in %s", daemon, phase, result).isNotNull();
        Map<String, List<String>> services = new TreeMap<>();
        List<String> current = null;
        for (String line : lines) {
            String l = line.strip().replaceAll("\\s+", " ");
            if (l.startsWith("TCP ") || l.startsWith("UDP ") || l.startsWith("FWM ")) {
                current = new ArrayList<>();
                services.put(l, current);
            } else if (l.startsWith("-> ") && current != null && !l.startsWith("-> RemoteAddress")) {
                String[] w = l.split(" ");
                current.add(w[1] + " " + w[2] + " " + w[3]);
            }
        }
        List<String> flat = new ArrayList<>();
        services.forEach((s, d) -> {
            flat.add(s);
            d.stream().sorted().forEach(x -> flat.add("  " + x));
        });
        return flat;
    }

    /** The Conns counter of service {@code vip:port} in a phase's {@code --stats}, or -1 if absent. */
    static long conns(String out, String daemon, String phase, String service) {
        for (String line : GuestDriver.lines(out, daemon + " " + phase, "stats")) {
            String[] w = line.strip().split("\\s+");
            if (w.length > 2 && w[0].equals("TCP") && w[1].equals(service)) {
                return Long.parseLong(w[2].replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static final Map<String, List<String>> EXPECTED = Map.of(
            "start", List.of(
                    "TCP 198.51.100.10:80 rr persistent 600", "  203.0.113.2:8080 Masq 1", "  203.0.113.3:8080 Masq 1",
                    "TCP 198.51.100.10:81 rr", "  203.0.113.2:8080 Masq 1",
                    "TCP 198.51.100.10:82 rr", "  203.0.113.2:8080 Masq 1"),
            "reloadB", List.of(
                    "TCP 198.51.100.10:80 rr persistent 600", "  203.0.113.2:8080 Masq 1", "  203.0.113.3:8080 Masq 1",
                    "TCP 198.51.100.10:81 wlc", "  203.0.113.2:8080 Masq 3", "  203.0.113.3:8080 Masq 1",
                    "TCP 198.51.100.10:83 sh", "  203.0.113.3:8080 Masq 1"),
            "stop", List.of());

    @Test
    void eachStepLeavesTheExpectedTableAndTheSameAsKeepalived() {
        String out = output();
        assertThat(out).doesNotContain("(not reached)");
        for (String phase : PHASES) {
            List<String> jk = table(out, "jk", phase);
            assertThat(jk).as("jk %s vs keepalived", phase).isEqualTo(table(out, "ka", phase));
            String key = phase.equals("traffic") || phase.equals("reloadA") ? "start" : phase;
            assertThat(jk).as("jk %s", phase).isEqualTo(EXPECTED.get(key));
        }
    }

    @Test
    void servicesThatStayAreNotRecreated() {
        String out = output();
        for (String daemon : List.of("jk", "ka")) {
            for (String service : List.of("198.51.100.10:80", "198.51.100.10:81")) {
                long before = conns(out, daemon, "traffic", service);
                assertThat(before).as("%s %s: the client's connections counted", daemon, service).isEqualTo(5);
                assertThat(conns(out, daemon, "reloadB", service)).as("%s %s after reload B", daemon, service).isEqualTo(before);
                assertThat(conns(out, daemon, "reloadA", service)).as("%s %s after reload A", daemon, service).isEqualTo(before);
            }
            // the real server that took the client's connections on :80 was not removed and added again either
            long dest = destConns(out, daemon, "traffic", "198.51.100.10:80", "203.0.113.3:8080")
                    + destConns(out, daemon, "traffic", "198.51.100.10:80", "203.0.113.2:8080");
            assertThat(dest).isEqualTo(5);
            for (String phase : List.of("reloadB", "reloadA")) {
                for (String rs : List.of("203.0.113.2:8080", "203.0.113.3:8080")) {
                    assertThat(destConns(out, daemon, phase, "198.51.100.10:80", rs)).as("%s %s %s", daemon, phase, rs)
                            .isEqualTo(destConns(out, daemon, "traffic", "198.51.100.10:80", rs));
                }
            }
            // the client's persistence template (one real server for 600 s) is still there after both reloads
            String template = template(out, daemon, "traffic");
            assertThat(template).as("%s template", daemon).isNotNull();
            assertThat(template(out, daemon, "reloadB")).isEqualTo(template);
            assertThat(template(out, daemon, "reloadA")).isEqualTo(template);
        }
    }

    /** The Conns counter of destination {@code rs} of service {@code service} in a phase's {@code --stats}, or -1. */
    static long destConns(String out, String daemon, String phase, String service, String rs) {
        boolean in = false;
        for (String line : GuestDriver.lines(out, daemon + " " + phase, "stats")) {
            String[] w = line.strip().split("\\s+");
            if (w.length > 2 && w[0].equals("TCP")) {
                in = w[1].equals(service);
            } else if (in && w.length > 2 && w[0].equals("->") && w[1].equals(rs)) {
                return Long.parseLong(w[2].replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** The persistence template of the client on :80 ("client:0 vip:80 real"), or null. */
    private static String template(String out, String daemon, String phase) {
        for (String line : GuestDriver.lines(out, daemon + " " + phase, "conns")) {
            String[] w = line.strip().split("\\s+");
            // a template has the client's port 0 (its state column reads NONE or ASSURED by kernel version)
            if (w.length >= 6 && w[3].endsWith(":0") && w[4].equals("198.51.100.10:80")) {
                return w[3] + " " + w[4] + " " + w[5];
            }
        }
        return null;
    }

    @Test
    void jkLogsThePlanOfTheReload() {
        String out = output();
        assertThat(out).contains("Editing Virtual Server [198.51.100.10]:tcp:81: scheduler rr -> wlc",
                "Removing Virtual Server [198.51.100.10]:tcp:82", "IPVS: edit service TCP 198.51.100.10:81 wlc");
        assertThat(out).doesNotContain("IPVS: delete service TCP 198.51.100.10:80", "IPVS: delete service TCP 198.51.100.10:81");
    }
}
