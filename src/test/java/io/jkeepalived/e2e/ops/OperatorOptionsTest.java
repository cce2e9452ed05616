package io.jkeepalived.e2e.ops;

import io.jkeepalived.e2e.DaemonProcess;
import io.jkeepalived.e2e.NetNs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keepalived's -V (--dont-release-vrrp), -X (--release-vips) and -a (--address-monitoring) on the running daemon, in
 * namespaces {@code jk-ops-*} of their own: with -V the VIP and the virtual route stay after SIGTERM and no
 * priority-0 advert is logged, and the next start without -V removes the VIP left behind (as keepalived 2.2.7 does);
 * with -X a master demoted by a better peer drops its VIP; -a logs keepalived's reflector lines for the addresses
 * present at start and every change made by others, not the VIP the daemon sets itself.
 */
class OperatorOptionsTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
    }

    private static String config(int priority) {
        return """
                global_defs {
                  router_id OPS
                }
                vrrp_instance VI_1 {
                  state BACKUP
                  interface eth0
                  virtual_router_id 61
                  priority %d
                  advert_int 1
                  virtual_ipaddress {
                    198.51.100.100/24
                  }
                  virtual_routes {
                    203.0.113.0/24 via 198.51.100.254 dev eth0
                  }
                }
                """.formatted(priority);
    }

    private NetNs.Daemon start(NetNs.Host h, String tag, Path conf, String... options) throws Exception {
        List<String> flags = new ArrayList<>(List.of("-G", "-P"));
        flags.addAll(List.of(options));
        return DaemonProcess.start(h, DaemonProcess.jkeepalived(), conf, dir, tag, flags.toArray(String[]::new));
    }

    @Test
    void dontReleaseVrrpKeepsTheVipAndRouteAndAddressMonitoringLogsChanges() throws Exception {
        try (NetNs ns = NetNs.create("ops-v" + ProcessHandle.current().pid() % 10000, 0)) {
            NetNs.Host h1 = ns.addHost("h1");
            h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            Path conf = dir.resolve("ka.conf");
            Files.writeString(conf, config(100));

            NetNs.Daemon d = start(h1, "first", conf, "-V", "-a");
            assertThat(DaemonProcess.await(d, "(VI_1) Entering MASTER STATE", 30_000)).as("becomes master\n%s", d.output()).isTrue();
            assertThat(awaitCommand(h1, "198.51.100.100/24", "ip", "addr", "show", "dev", "eth0")).isTrue();
            assertThat(d.output()).as("-a: the addresses present at start")
                    .contains("Netlink reflector reports IP 198.51.100.1 added to eth0",
                            "Netlink reflector reports IP 127.0.0.1 added to lo");
            h1.check("ip", "addr", "add", "198.51.100.7/24", "dev", "eth0");
            h1.check("ip", "addr", "add", "2001:db8::7/64", "dev", "eth0", "nodad");
            h1.check("ip", "addr", "del", "198.51.100.7/24", "dev", "eth0");
            assertThat(DaemonProcess.await(d, "Netlink reflector reports IP 198.51.100.7 removed from eth0", 10_000))
                    .as("-a: changes by others\n%s", d.output()).isTrue();
            assertThat(d.output()).contains("Netlink reflector reports IP 198.51.100.7 added to eth0",
                    "Netlink reflector reports IP 2001:db8::7 added to eth0");
            assertThat(d.output()).as("-a: the VRRP side leaves out its own VIP, as keepalived's VRRP process")
                    .doesNotContain("Netlink reflector reports IP 198.51.100.100");
            assertThat(d.output()).doesNotContain("Not supported by jkeepalived yet");

            assertThat(DaemonProcess.stop(d, 15)).as("stops on SIGTERM").isTrue();
            assertThat(d.output()).contains("Stopped").doesNotContain("(VI_1) sent 0 priority", "(VI_1) removing VIPs.");
            assertThat(h1.check("ip", "addr", "show", "dev", "eth0")).as("-V: the VIP stays").contains("198.51.100.100/24");
            assertThat(h1.check("ip", "route", "show")).as("-V: the virtual route stays").contains("203.0.113.0/24 via 198.51.100.254");

            // the next start without -V removes what the last run left, as keepalived's vrrp_restore_interfaces_startup
            NetNs.Daemon again = start(h1, "second", conf);
            assertThat(DaemonProcess.await(again, "(VI_1) Entering MASTER STATE", 30_000)).as("master again\n%s", again.output()).isTrue();
            assertThat(again.output()).contains("(VI_1) removing VIPs.");
            assertThat(DaemonProcess.stop(again, 15)).isTrue();
            assertThat(again.output()).contains("(VI_1) sent 0 priority");
            assertThat(h1.check("ip", "addr", "show", "dev", "eth0")).as("released without -V").doesNotContain("198.51.100.100");
        }
    }

    @Test
    void releaseVipsMasterDemotedByABetterPeerDropsItsVip() throws Exception {
        try (NetNs ns = NetNs.create("ops-x" + ProcessHandle.current().pid() % 10000, 0)) {
            NetNs.Host h1 = ns.addHost("h1");
            NetNs.Host h2 = ns.addHost("h2");
            h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            h2.check("ip", "addr", "add", "198.51.100.2/24", "dev", "eth0");
            Path low = dir.resolve("low.conf");
            Files.writeString(low, config(100));
            Path high = dir.resolve("high.conf");
            Files.writeString(high, config(200));

            NetNs.Daemon d1 = start(h1, "low", low, "-X");
            assertThat(DaemonProcess.await(d1, "(VI_1) Entering MASTER STATE", 30_000)).as("h1 master\n%s", d1.output()).isTrue();
            assertThat(awaitCommand(h1, "198.51.100.100/24", "ip", "addr", "show", "dev", "eth0")).isTrue();
            NetNs.Daemon d2 = start(h2, "high", high);
            assertThat(DaemonProcess.await(d2, "(VI_1) Entering MASTER STATE", 30_000)).as("h2 takes over\n%s", d2.output()).isTrue();
            assertThat(DaemonProcess.await(d1, "(VI_1) Entering BACKUP STATE", 10_000)).as("h1 demoted\n%s", d1.output()).isTrue();
            assertThat(awaitAbsent(h1, "198.51.100.100", "ip", "addr", "show", "dev", "eth0"))
                    .as("-X: the demoted master has no VIP left").isTrue();
            assertThat(DaemonProcess.stop(d1, 15)).isTrue();
            assertThat(DaemonProcess.stop(d2, 15)).isTrue();
        }
    }

    private static boolean awaitCommand(NetNs.Host h, String text, String... command) throws Exception {
        for (int n = 0; n < 100; n++) {
            if (h.check(command).contains(text)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static boolean awaitAbsent(NetNs.Host h, String text, String... command) throws Exception {
        for (int n = 0; n < 100; n++) {
            if (!h.check(command).contains(text)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
