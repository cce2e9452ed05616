package io.jkeepalived.healthcheck.ping;

import io.jkeepalived.healthcheck.ProbeHarness;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import io.jkeepalived.netlink.raw.IcmpEchoSocket;
import io.jkeepalived.netlink.raw.NetNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PING_CHECK inside a network namespace of its own ({@code jk-othercheck-ping}): 198.51.100.1/24 and 2001:db8::1
 * on one end of a veth pair answer; 198.51.100.2 (nobody on the link has it) never does.
 * Needs root and iproute2.
 */
class PingProbeTest {
    private static final String NS = "jk-othercheck-ping";
    private static final String RS = "[198.51.100.1]:tcp:0";

    @BeforeAll
    static void namespace() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "raw ICMP sockets and netns need root");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "iproute2 is not installed");
        deleteNamespace();
        ip("netns", "add", NS);
        ip("-n", NS, "link", "set", "lo", "up");
        ip("-n", NS, "link", "add", "jkoc0", "type", "veth", "peer", "name", "jkoc1");
        ip("-n", NS, "link", "set", "jkoc0", "up");
        ip("-n", NS, "link", "set", "jkoc1", "up");
        ip("-n", NS, "addr", "add", "198.51.100.1/24", "dev", "jkoc0");
        ip("-n", NS, "addr", "add", "2001:db8::1/64", "dev", "jkoc0", "nodad");
    }

    @AfterAll
    static void deleteNamespace() throws Exception {
        if (Files.exists(Path.of("/run/netns", NS))) {
            ip("netns", "del", NS);
        }
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(concat(args)).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: ip " + String.join(" ", args));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("ip " + String.join(" ", args) + " failed: " + out);
        }
    }

    private static List<String> concat(String[] args) {
        java.util.ArrayList<String> l = new java.util.ArrayList<>();
        l.add("ip");
        l.addAll(List.of(args));
        return l;
    }

    private static ProbeResult ping(String address, String rs, int attempts) throws Exception {
        ProbeTarget t = new ProbeTarget(new InetSocketAddress(InetAddress.getByName(address), 0), null, null, 0,
                TimeUnit.MILLISECONDS.toNanos(500), rs);
        PingProbe p = new PingProbe(t, (v6, bindIf, mark) ->
                NetNamespace.call(NS, () -> IcmpEchoSocket.open(v6, bindIf, mark)));
        try (ProbeHarness h = new ProbeHarness(false)) {
            ProbeResult r = null;
            for (int i = 0; i < attempts; i++) {
                r = h.run(p, t);
            }
            return r;
        } finally {
            p.close();
        }
    }

    @Test
    void anAddressThatAnswersIsHealthy() throws Exception {
        assertThat(ping("198.51.100.1", RS, 2)).isEqualTo(ProbeResult.ok());
        assertThat(ping("2001:db8::1", "[2001:db8::1]:tcp:0", 1)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void anAddressThatDropsTimesOut() throws Exception {
        assertThat(ping("198.51.100.2", "[198.51.100.2]:tcp:0", 1))
                .isEqualTo(ProbeResult.failed("ICMP connection to address [198.51.100.2]:tcp:0 timeout."));
    }

    @Test
    void anUnreachableNetworkFails() throws Exception {
        assertThat(ping("203.0.113.9", "[203.0.113.9]:tcp:0", 1))
                .isEqualTo(ProbeResult.failed("ICMP connection to [203.0.113.9]:tcp:0 failed."));
    }

    @Test
    void theFinalFailureIsIcmpEpilogsLineNamingTheVirtualServerAfterRetries() {
        ProbeTarget t = new ProbeTarget(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, null, 0,
                TimeUnit.MILLISECONDS.toNanos(500), "[198.51.100.41]:tcp:80", "[198.51.100.1]:tcp:80");
        PingProbe p = new PingProbe(t, (v6, bindIf, mark) -> {
            throw new IOException("not opened in this test");
        });
        assertThat(p.downLine("ICMP connection to address [198.51.100.41]:tcp:80 timeout.", 2, true))
                .isEqualTo("ICMP CHECK on service [198.51.100.41]:tcp:80 of [198.51.100.1]:tcp:80 failed after 2 retries.");
        assertThat(p.downLine("x", 2, false)).isEqualTo("ICMP CHECK on service [198.51.100.41]:tcp:80 failed.");
        assertThat(p.downLine("x", 0, true)).isEqualTo("ICMP CHECK on service [198.51.100.41]:tcp:80 failed.");
    }
}
