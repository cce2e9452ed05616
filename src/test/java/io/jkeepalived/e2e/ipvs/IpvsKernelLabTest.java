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
 * IpvsClient against a real IPVS: the host kernel has none, so ONE kernel-lab guest (Debian 12's 6.1 kernel under
 * qemu) runs {@link IpvsGuestDriver}, which adds, edits and deletes services and destinations of every kind
 * (TCP/UDP/SCTP, IPv4/IPv6, fwmark; rr/wlc/sh/mh/wrr/lc/sed; persistence with netmasks, one-packet, sh/mh flags;
 * NAT/DR/TUN with IPIP/GUE/GRE tunnels, a mixed-family tunnel; thresholds; timeouts; sync daemons) and prints, after
 * each phase, the client's own dump rendered like ipvsadm next to ipvsadm -Ln, -Ln --stats, -Ln --tun-info and
 * /proc/net/ip_vs. Here, on the host, the two views must agree line for line (destinations compared as sets, the
 * kernel lists them newest first and ipvsadm sorts them).
 *
 * <p>Run: {@code ./mvnw -o -q -pl daemon -am test -Dtest=IpvsKernelLabTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (root, qemu; skipped with the reason otherwise). The reactor build matters: the guest's class path then holds
 * this tree's ipvs classes, not a jar from the shared local repository.
 */
// runs beside the namespace suites (the guest takes one core, they the other; KernelLab boots one qemu at a time)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class IpvsKernelLabTest {
    private static KernelLab.Result result;

    @BeforeAll
    static void boot() throws Exception {
        KernelLab.assumeAvailable();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ipvsadm")) || Files.isExecutable(Path.of("/sbin/ipvsadm")),
                "needs ipvsadm (apt-get install ipvsadm)");
        // Everything in a namespace of its own (IPVS tables, /proc/net/ip_vs and sync daemons are per namespace): lo
        // with the VIP the traffic goes to, a dummy interface for the sync daemons (they need a multicast device).
        result = KernelLab.run(Duration.ofSeconds(300), "set -e\nmodprobe ip_vs\nip netns add jk-ipvs\n"
                + "ip netns exec jk-ipvs sh -ec '"
                + "ip link set lo up; ip addr add 198.51.100.10/32 dev lo; "
                + "ip link add jk-sync type dummy; ip link set jk-sync multicast on up; "
                + "exec " + KernelLab.javaCommand(IpvsGuestDriver.class).replace("'", "'\\''") + "'\n");
        // The whole guest run, in the test's output file: what failed, and the source of the frozen captures.
        System.out.println(result);
    }

    private static String output() {
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.output()).as("%s", result).contains("=== end");
        return result.output();
    }

    /** The lines of {@code "--- name"} up to the next "---"/"===" marker in phase {@code phase}. */
    private static List<String> section(String phase, String name) {
        String out = output();
        int p = out.indexOf("=== " + phase + "\n");
        assertThat(p).as("phase %s in %s", phase, result).isNotNegative();
        int end = out.indexOf("--- end " + phase + "\n", p);
        int s = out.indexOf("--- " + name + "\n", p);
        assertThat(s).as("section %s of phase %s in %s", name, phase, result).isBetween(p, end);
        List<String> lines = new ArrayList<>();
        for (String line : out.substring(s + name.length() + 5).split("\n")) {
            if (line.startsWith("---") || line.startsWith("===")) {
                break;
            }
            lines.add(line.strip().replaceAll("\\s+", " "));
        }
        return lines;
    }

    /** Service line -> its destination lines, sorted; ipvsadm's 3 (or /proc's 3) header lines dropped. */
    private static Map<String, List<String>> table(List<String> lines, int header) {
        Map<String, List<String>> out = new TreeMap<>();
        List<String> current = null;
        for (String line : lines.subList(Math.min(header, lines.size()), lines.size())) {
            if (line.startsWith("->")) {
                assertThat(current).as("destination before any service: %s", line).isNotNull();
                current.add(line);
            } else if (!line.isEmpty()) {
                current = new ArrayList<>();
                out.put(line, current);
            }
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    private static void sameTable(String phase, String client, String kernel, int header) {
        Map<String, List<String>> mine = table(section(phase, "client " + client), 0);
        Map<String, List<String>> theirs = table(section(phase, kernel), header);
        assertThat(mine).as("%s: client vs %s", phase, kernel).isEqualTo(theirs);
    }

    /** ipvsadm's /proc lines carry more columns (persistence in jiffies); compare the columns the client renders. */
    private static void sameProc(String phase) {
        Map<String, List<String>> mine = table(section(phase, "client /proc/net/ip_vs"), 0);
        Map<String, List<String>> theirs = new TreeMap<>();
        table(section(phase, "/proc/net/ip_vs"), 3).forEach((svc, dests) -> {
            String[] w = svc.split(" ");
            theirs.put(w[0] + " " + w[1] + " " + w[2], dests.stream().map(d -> {
                String[] x = d.split(" ");
                return x[0] + " " + x[1] + " " + x[2] + " " + x[3];
            }).sorted().toList());
        });
        assertThat(mine).as("%s: client vs /proc/net/ip_vs", phase).isEqualTo(theirs);
    }

    @Test
    void everyAddedServiceAndDestinationIsWhatIpvsadmAndProcShow() {
        Map<String, List<String>> added = table(section("added", "ipvsadm -Ln"), 3);
        assertThat(added).containsOnlyKeys(
                "TCP 198.51.100.10:80 rr",
                "UDP 198.51.100.10:53 wlc persistent 300 mask 255.255.255.0",
                "SCTP 198.51.100.11:9000 sh (sh-fallback,sh-port)",
                "UDP 198.51.100.12:514 rr ops",
                "TCP [2001:db8::10]:443 mh (mh-port) persistent 120 mask 64",
                "FWM 7 wrr persistent 600",
                "FWM 8 IPv6 lc");
        assertThat(added.get("FWM 7 wrr persistent 600")).containsExactly("-> 203.0.113.6:0 Route 3 0 0", "-> [2001:db8::23]:0 Tunnel 1 0 0");
        assertThat(table(section("added", "ipvsadm -Ln --tun-info"), 3).get("TCP [2001:db8::10]:443 mh (mh-port) persistent 120 mask 64"))
                .containsExactly("-> [2001:db8::20]:443 Tunnel gue:6080:+c 1 0 0", "-> [2001:db8::21]:443 Tunnel gre:+c 1 0 0",
                        "-> [2001:db8::22]:443 Route n/a 7 0 0");
        for (String phase : List.of("added", "edited", "deleted", "flushed")) {
            sameTable(phase, "-Ln", "ipvsadm -Ln", 3);
            sameTable(phase, "-Ln --stats", "ipvsadm -Ln --stats", 3);
            sameTable(phase, "-Ln --tun-info", "ipvsadm -Ln --tun-info", 3);
            sameProc(phase);
        }
    }

    @Test
    void editsChangeSchedulerPersistenceFlagsWeightsThresholdsForwardingAndTunnels() {
        Map<String, List<String>> edited = table(section("edited", "ipvsadm -Ln --tun-info"), 3);
        assertThat(edited).containsKeys("TCP 198.51.100.10:80 wlc", "UDP 198.51.100.10:53 wlc persistent 900 mask 255.255.0.0",
                "SCTP 198.51.100.11:9000 sh (sh-port)", "FWM 8 IPv6 sed");
        assertThat(edited.get("TCP 198.51.100.10:80 wlc")).contains("-> 203.0.113.3:8080 Masq n/a 0 0 0");
        assertThat(edited.get("UDP 198.51.100.10:53 wlc persistent 900 mask 255.255.0.0")).containsExactly("-> 203.0.113.4:53 Tunnel ipip 9 0 1");   // the traffic's connection
        assertThat(edited.get("TCP [2001:db8::10]:443 mh (mh-port) persistent 120 mask 64")).contains("-> [2001:db8::20]:443 Tunnel gue:6081:r+c 1 0 0");
        assertThat(section("edited", "ipvsadm -L --timeout")).containsExactly("Timeout (tcp tcpfin udp): 900 120 300");
        assertThat(output()).contains("client Timeout (tcp tcpfin udp): 900 120 300");
        // Thresholds are not in ipvsadm -Ln's columns; the client's dump shows them.
        assertThat(output()).containsPattern("(?m)^=== edited$[\\s\\S]*?--- client -Ln\\n[\\s\\S]*?-> 203\\.0\\.113\\.3:8080 Masq 0 0 0");
    }

    @Test
    void deletionsAndFlushRemoveWhatTheyName() {
        Map<String, List<String>> deleted = table(section("deleted", "ipvsadm -Ln"), 3);
        assertThat(deleted).doesNotContainKeys("SCTP 198.51.100.11:9000 sh (sh-port)", "FWM 8 IPv6 sed");
        assertThat(deleted.get("TCP 198.51.100.10:80 wlc")).containsExactly("-> 203.0.113.3:8080 Masq 0 0 0");
        assertThat(deleted.get("FWM 7 wrr persistent 600")).containsExactly("-> 203.0.113.6:0 Route 3 0 0");
        assertThat(table(section("flushed", "ipvsadm -Ln"), 3)).isEmpty();
        assertThat(table(section("flushed", "/proc/net/ip_vs"), 3)).isEmpty();
    }

    @Test
    void kernelErrorsNameTheServiceAndDestination() {
        assertThat(output()).contains(
                "error adding service TCP 198.51.100.10:80: EEXIST (File exists) [EEXIST]",
                "error adding service TCP 198.51.100.10:81: ENOENT (No such file or directory); no scheduler module ip_vs_nosuchsched [ENOENT]",
                "error deleting service TCP 198.51.100.10:82: ESRCH (No such process) [ESRCH]",
                "error adding destination 203.0.113.2:80 to service TCP 198.51.100.10:80: EEXIST (File exists) [EEXIST]",
                "error deleting destination 203.0.113.99:80 of service TCP 198.51.100.10:80: ENOENT (No such file or directory) [ENOENT]",
                "error adding destination 203.0.113.2:99 to service UDP 198.51.100.10:99: ESRCH (No such process) [ESRCH]",
                "missing service lookup: Optional.empty",
                "service lookup: TCP 198.51.100.10:80 wlc",
                "error starting the MASTER sync daemon on jk-sync (sync id 53): EEXIST (File exists) [EEXIST]");
    }

    @Test
    void syncDaemonsAsIpvsadmShowsThem() {
        String out = output();
        List<String> mine = out.lines().filter(l -> l.startsWith("client daemon ")).map(l -> l.substring("client daemon ".length())).toList();
        assertThat(mine).containsExactly(
                "master sync daemon (mcast=jk-sync, syncid=51, maxlen=1400, group=239.255.0.81, port=8850, ttl=2)",
                "backup sync daemon (mcast=jk-sync, syncid=52, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)");
        assertThat(out.lines().toList()).containsAll(mine);   // ipvsadm -L --daemon printed the same lines
        assertThat(out).contains("daemons after stop []");
    }

    @Test
    void countersOfTheTrafficShowInTheDumpsAsInIpvsadmStats() {
        // Compared line for line with ipvsadm -Ln --stats above; here: the traffic was counted at all.
        Map<String, List<String>> stats = table(section("added", "client -Ln --stats"), 0);
        // 3 datagrams of 20 (IPv4) + 8 (UDP) + 13 bytes, one connection.
        assertThat(stats).as("%s", stats).hasEntrySatisfying("UDP 198.51.100.10:53 1 3 3 123 207",
                dests -> assertThat(dests).containsExactly("-> 203.0.113.4:53 1 3 3 123 207"));
    }

    @Test
    void infoIsTheKernelsVersion() {
        assertThat(output()).contains("info 1.2.1 size=4096").contains("IP Virtual Server version 1.2.1 (size=4096)");
    }
}
