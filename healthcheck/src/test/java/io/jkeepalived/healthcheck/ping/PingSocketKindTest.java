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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PING_CHECK over keepalived's unprivileged ping socket and over the raw fallback, in a namespace of its own
 * ({@code jk-cm-ping}) whose {@code net.ipv4.ping_group_range} the test sets: closed ("1 0", a new namespace's
 * default) the kernel refuses ping sockets and the probe uses a raw socket; open ("0 2147483647") it uses the ping
 * socket. 198.51.100.1/24 and 2001:db8::1 answer; 198.51.100.2 never does. Needs root and iproute2.
 */
class PingSocketKindTest {
    private static final String NS = "jk-cm-ping";

    @BeforeAll
    static void namespace() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "iproute2 is not installed");
        deleteNamespace();
        run("ip", "netns", "add", NS);
        run("ip", "-n", NS, "link", "set", "lo", "up");
        run("ip", "-n", NS, "link", "add", "jkcm0", "type", "veth", "peer", "name", "jkcm1");
        run("ip", "-n", NS, "link", "set", "jkcm0", "up");
        run("ip", "-n", NS, "link", "set", "jkcm1", "up");
        run("ip", "-n", NS, "addr", "add", "198.51.100.1/24", "dev", "jkcm0");
        run("ip", "-n", NS, "addr", "add", "2001:db8::1/64", "dev", "jkcm0", "nodad");
    }

    @AfterAll
    static void deleteNamespace() throws Exception {
        if (Files.exists(Path.of("/run/netns", NS))) {
            run("ip", "netns", "del", NS);
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** Sets the namespace's ping_group_range (it is per network namespace). */
    private static void pingGroupRange(String range) throws Exception {
        run("ip", "netns", "exec", NS, "sysctl", "-q", "-w", "net.ipv4.ping_group_range=" + range);
        assertThat(run("ip", "netns", "exec", NS, "cat", "/proc/sys/net/ipv4/ping_group_range").trim())
                .isEqualTo(range.replace(' ', '\t'));
    }

    /** Pings {@code address} from the namespace; the kinds of socket the probe opened go into {@code kinds}. */
    private static ProbeResult ping(String address, List<IcmpEchoSocket.Kind> kinds) throws Exception {
        InetAddress a = InetAddress.getByName(address);
        String rs = "[" + address + "]:tcp:0";
        ProbeTarget t = new ProbeTarget(new InetSocketAddress(a, 0), null, null, 0, TimeUnit.MILLISECONDS.toNanos(500), rs);
        PingProbe p = new PingProbe(t, (v6, bindIf, mark) -> {
            IcmpEchoSocket s = NetNamespace.call(NS, () -> IcmpEchoSocket.open(v6, bindIf, mark));
            kinds.add(s.kind());
            return s;
        });
        try (ProbeHarness h = new ProbeHarness(false)) {
            ProbeResult r = h.run(p, t);
            // the second attempt reuses the socket: its sequence differs, a late first reply must not count
            return r.success() ? h.run(p, t) : r;
        } finally {
            p.close();
        }
    }

    @Test
    void pingSocketWhenTheGroupRangeAllowsIt() throws Exception {
        pingGroupRange("0 2147483647");
        List<IcmpEchoSocket.Kind> kinds = new ArrayList<>();
        assertThat(ping("198.51.100.1", kinds)).isEqualTo(ProbeResult.ok());
        assertThat(ping("2001:db8::1", kinds)).isEqualTo(ProbeResult.ok());
        assertThat(ping("198.51.100.2", kinds))
                .isEqualTo(ProbeResult.failed("ICMP connection to address [198.51.100.2]:tcp:0 timeout."));
        assertThat(ping("203.0.113.9", kinds))
                .isEqualTo(ProbeResult.failed("ICMP connection to [203.0.113.9]:tcp:0 failed."));
        assertThat(kinds).containsOnly(IcmpEchoSocket.Kind.DATAGRAM);
    }

    @Test
    void rawSocketWhenTheKernelRefusesPingSockets() throws Exception {
        pingGroupRange("1 0");
        assertThat(NetNamespace.call(NS, () -> IcmpEchoSocket.open(false, null, 0, IcmpEchoSocket.Kind.DATAGRAM)))
                .as("a ping socket outside ping_group_range").isNull();
        List<IcmpEchoSocket.Kind> kinds = new ArrayList<>();
        assertThat(ping("198.51.100.1", kinds)).isEqualTo(ProbeResult.ok());
        assertThat(ping("2001:db8::1", kinds)).isEqualTo(ProbeResult.ok());
        assertThat(ping("198.51.100.2", kinds))
                .isEqualTo(ProbeResult.failed("ICMP connection to address [198.51.100.2]:tcp:0 timeout."));
        assertThat(kinds).containsOnly(IcmpEchoSocket.Kind.RAW);
    }
}
