package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.NetNs;
import io.jkeepalived.e2e.vrrp.Director.Kind;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The two load balancers of a seed article (lb01, lb02) on one bridge, each with {@code eth0} and its own address,
 * and an {@code ip -ts monitor address} in each namespace: the kernel's address events, time-stamped as they
 * happen, tell when a VIP appeared or went without polling. Everything is killed and deleted in {@link #close()}.
 */
final class SeedLab implements AutoCloseable {
    final NetNs ns;
    final NetNs.Host h1;
    final NetNs.Host h2;
    final Director lb01;
    final Director lb02;
    private final NetNs.Daemon monitor1;
    private final NetNs.Daemon monitor2;

    SeedLab(String name, Path dir, Kind kind1, String addr1, Kind kind2, String addr2) throws Exception {
        ns = NetNs.create("seeds-" + name + ProcessHandle.current().pid() % 100000, 0);
        try {
            h1 = ns.addHost("h1");
            h2 = ns.addHost("h2");
            h1.check("ip", "addr", "add", addr1 + "/24", "dev", "eth0");
            h2.check("ip", "addr", "add", addr2 + "/24", "dev", "eth0");
            monitor1 = h1.start(dir.resolve("h1-addr.log"), "ip", "-ts", "monitor", "address");
            monitor2 = h2.start(dir.resolve("h2-addr.log"), "ip", "-ts", "monitor", "address");
            lb01 = new Director(kind1, h1, "lb01", dir);
            lb02 = new Director(kind2, h2, "lb02", dir);
        } catch (Exception e) {
            ns.close();
            throw e;
        }
    }

    /** Wall-clock seconds, the time base of the address monitor and of {@link #now()}. */
    static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** True if {@code vip} (any prefix length) is on the host's eth0 now. */
    static boolean hasVip(NetNs.Host host, String vip) throws Exception {
        return host.exec(10, "ip", "-4", "addr", "show", "dev", "eth0").output().contains("inet " + vip + "/");
    }

    /**
     * The time of the first event at or after {@code since} that added ({@code added}) or deleted {@code vip} on
     * host 1 or 2, waiting (bounded, polling the monitor's log) up to {@code timeoutMillis}; -1 if none came.
     */
    double awaitVipEvent(int host, String vip, boolean added, double since, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        do {
            double t = vipEvent(host, vip, added, since);
            if (t >= 0) {
                return t;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return -1;
    }

    private double vipEvent(int host, String vip, boolean added, double since) throws Exception {
        String log = (host == 1 ? monitor1 : monitor2).output();
        for (String line : log.split("\n")) {
            // [2026-11-30T13:42:10.142598] 3: eth0    inet 198.51.100.3/32 scope global eth0
            // [2026-11-30T13:42:10.142598] Deleted 3: eth0    inet 198.51.100.3/32 scope global eth0
            if (!line.startsWith("[") || !line.contains("inet " + vip + "/")
                    || line.contains("] Deleted ") != !added) {
                continue;
            }
            java.time.Instant at = LocalDateTime.parse(line.substring(1, line.indexOf(']')))
                    .atZone(ZoneId.systemDefault()).toInstant();
            double t = at.getEpochSecond() + at.getNano() / 1e9;
            if (t >= since) {
                return t;
            }
        }
        return -1;
    }

    String context() throws Exception {
        return "\n--- lb01 " + lb01 + "\n" + lb01.log() + "\n--- lb02 " + lb02 + "\n" + lb02.log()
                + "\n--- h1 addresses\n" + monitor1.output() + "\n--- h2 addresses\n" + monitor2.output();
    }

    @Override
    public void close() throws Exception {
        try {
            for (Director d : List.of(lb01, lb02)) {
                d.signal("KILL");
            }
            NetNs.killGroup(monitor1, "KILL");
            NetNs.killGroup(monitor2, "KILL");
        } finally {
            ns.close();
        }
    }
}
