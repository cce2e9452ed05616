package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.Capture;
import io.jkeepalived.e2e.NetNs;
import io.jkeepalived.e2e.vrrp.Director.Kind;
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
 * Trackers in the running daemon (seed 003: a check script bound to the master): jkeepalived is the master
 * (priority 150) with a tracker, Debian's keepalived 2.2.7 the backup (priority 100), v2 PASS, advert_int 1.
 * <ul>
 *   <li>the master's {@code vrrp_script} tests a flag file (interval 1, fall 2, weight 0): removing the flag
 *   fails it, the master enters FAULT and sends priority 0, the backup takes over; restoring it brings the
 *   master back (BACKUP, then it preempts after master-down);</li>
 *   <li>{@code track_interface eth1}: {@code ip link set eth1 down} in the master's namespace is a FAULT, up
 *   brings it back;</li>
 *   <li>a weighted script ({@code weight -60}) lowers the master to 90, below the backup, which preempts it.</li>
 * </ul>
 * Judged on the wire (tshark timestamps against the wall clock of the change): the priority-0 advert within
 * {@code interval × fall} (plus the script's run time) of the change, the backup's first advert within its skew
 * time + 100 ms of that; both bounds get {@value #LOADED_SLACK} s more for a loaded machine.
 */
class VrrpTrackTest {
    private static final VrrpInteropTest.Setup SETUP = VrrpInteropTest.V2_PASS;
    private static final double SLACK = 0.100;
    /** A busy 2-core machine running other suites: JVM pauses and slow forks. */
    private static final double LOADED_SLACK = 0.4;

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        VrrpInteropTest.needs();
        Assumptions.assumeTrue(Capture.available(), "needs tshark and dumpcap to judge the wire");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/test")), "needs /usr/bin/test for the check");
    }

    /** The lab: h1 (jkeepalived, master) and h2 (keepalived, backup) on one bridge, plus a capture. */
    private final class Lab implements AutoCloseable {
        final NetNs ns;
        final NetNs.Host h1;
        final NetNs.Host h2;
        final Director master;
        final Director backup;
        Capture capture;

        Lab(String name) throws Exception {
            ns = NetNs.create(name + ProcessHandle.current().pid() % 100000, 0);
            try {
                h1 = ns.addHost("h1");
                h2 = ns.addHost("h2");
                h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
                h2.check("ip", "addr", "add", "198.51.100.2/24", "dev", "eth0");
                master = new Director(Kind.JKEEPALIVED, h1, "h1", dir);
                backup = new Director(Kind.KEEPALIVED, h2, "h2", dir);
            } catch (Exception e) {
                ns.close();
                throw e;
            }
        }

        void start(String masterConfig) throws Exception {
            capture = Capture.start(ns, dir, "vrrp");
            master.start(masterConfig);
            assertThat(master.awaitLog("(VI_1) Entering MASTER STATE", 20_000))
                    .as("%s becomes master\n%s", master, master.log()).isTrue();
            backup.start(VrrpInteropTest.config(SETUP, "h2", "BACKUP", 100, "198.51.100.2", "198.51.100.1"));
            assertThat(backup.awaitLog("(VI_1) Entering BACKUP STATE", 20_000))
                    .as("%s starts as backup\n%s", backup, backup.log()).isTrue();
            Thread.sleep(1_500);
            assertThat(VrrpInteropTest.hasVip(h1)).as("VIP on the master\n%s", master.log()).isTrue();
        }

        String context() throws Exception {
            return "\n--- master " + master + "\n" + master.log() + "\n--- backup " + backup + "\n" + backup.log();
        }

        /** (time, source, priority) of every advert; call after {@link #close()}. */
        List<double[]> adverts() throws Exception {
            List<double[]> out = new ArrayList<>();
            for (String line : capture.read("vrrp", "frame.time_epoch", "ip.src", "vrrp.prio")) {
                String[] f = line.split(",", -1);
                out.add(new double[] {Double.parseDouble(f[0]), f[1].equals("198.51.100.1") ? 1 : 2,
                        Double.parseDouble(f[2])});
            }
            return out;
        }

        @Override
        public void close() throws Exception {
            try {
                for (Director d : List.of(master, backup)) {
                    d.signal("KILL");
                }
                if (capture != null) {
                    capture.close();
                }
            } finally {
                ns.close();
            }
        }
    }

    private String masterConfig(String scripts, String tracking) {
        String c = VrrpInteropTest.config(SETUP, "h1", "MASTER", 150, "198.51.100.1", "198.51.100.2");
        return c.replace("vrrp_instance VI_1 {\n", scripts + "vrrp_instance VI_1 {\n")
                .replace("    virtual_ipaddress {\n", tracking + "    virtual_ipaddress {\n");
    }

    private static double wallClock() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** The first advert from {@code host} (1 or 2) with {@code priority} at or after {@code t}; -1 if none. */
    private static double first(List<double[]> adverts, int host, int priority, double t) {
        for (double[] a : adverts) {
            if (a[1] == host && a[2] == priority && a[0] >= t) {
                return a[0];
            }
        }
        return -1;
    }

    private static double skew(int priority) {
        return (256 - priority) / 256.0;
    }

    @Test
    void failingCheckScriptMovesTheVipAndItComesBack() throws Exception {
        Path flag = dir.resolve("flag");
        Files.writeString(flag, "up\n");
        String scripts = "vrrp_script chk_flag {\n    script \"/usr/bin/test -f " + flag + "\"\n    interval 1\n"
                + "    fall 2\n    rise 1\n}\n";
        String tracking = "    track_script {\n        chk_flag\n    }\n";
        double removed;
        double restored;
        Lab lab = new Lab("vt");
        try (lab) {
            lab.start(masterConfig(scripts, tracking));
            removed = wallClock();
            Files.delete(flag);
            assertThat(lab.master.awaitLog("(VI_1) Entering FAULT STATE", 10_000))
                    .as("the failing check faults the master" + lab.context()).isTrue();
            assertThat(lab.backup.awaitLog("(VI_1) Entering MASTER STATE", 5_000))
                    .as("the backup takes over" + lab.context()).isTrue();
            Thread.sleep(500);
            assertThat(VrrpInteropTest.hasVip(lab.h2)).as("VIP on the backup").isTrue();
            assertThat(VrrpInteropTest.hasVip(lab.h1)).as("VIP gone from the faulty master").isFalse();
            assertThat(lab.master.log()).contains("VRRP_Script(chk_flag) failed (exited with status 1)");

            restored = wallClock();
            Files.writeString(flag, "up\n");
            assertThat(lab.master.awaitLog("VRRP_Script(chk_flag) succeeded", 5_000)).isTrue();
            int masters = 2; // the first MASTER line and the one after the comeback
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (count(lab.master.log(), "(VI_1) Entering MASTER STATE") < masters
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(count(lab.master.log(), "(VI_1) Entering MASTER STATE")).as("master is back" + lab.context())
                    .isEqualTo(masters);
            assertThat(lab.backup.awaitLog("(VI_1) Entering BACKUP STATE", 5_000)).isTrue();
            Thread.sleep(500);
            assertThat(VrrpInteropTest.hasVip(lab.h1)).as("VIP back on the master").isTrue();
        }
        List<double[]> adverts = lab.adverts();
        String context = lab.context();
        double prio0 = first(adverts, 1, 0, removed);
        assertThat(prio0).as("the faulty master sends priority 0" + context).isPositive();
        assertThat(prio0 - removed).as("FAULT within interval × fall").isLessThanOrEqualTo(1 * 2 + SLACK + LOADED_SLACK);
        double takeover = first(adverts, 2, 100, prio0);
        assertThat(takeover - prio0).as("backup takes over within its skew + 100 ms" + context)
                .isPositive().isLessThanOrEqualTo(skew(100) + SLACK + LOADED_SLACK);
        double back = first(adverts, 1, 150, restored);
        // rise 1 within one interval, then BACKUP, then master-down (3 adverts + skew) as the backup is lower
        assertThat(back - restored).as("master back within interval × rise + master-down" + context)
                .isPositive().isLessThanOrEqualTo(1 + 3 + skew(150) + SLACK + LOADED_SLACK);
    }

    @Test
    void trackedInterfaceDownFaultsTheMaster() throws Exception {
        double down;
        double up;
        Lab lab = new Lab("vi");
        try (lab) {
            // a veth pair inside h1 (the dummy module may be absent): eth1 runs while both ends are up
            lab.h1.check("ip", "link", "add", "eth1", "type", "veth", "peer", "name", "eth1p");
            lab.h1.check("ip", "link", "set", "eth1p", "up");
            lab.h1.check("ip", "link", "set", "eth1", "up");
            lab.start(masterConfig("", "    track_interface {\n        eth1\n    }\n"));
            down = wallClock();
            lab.h1.check("ip", "link", "set", "eth1", "down");
            assertThat(lab.master.awaitLog("(VI_1) Entering FAULT STATE", 5_000))
                    .as("eth1 down faults the master" + lab.context()).isTrue();
            assertThat(lab.master.log()).contains("Netlink reports eth1 down");
            assertThat(lab.backup.awaitLog("(VI_1) Entering MASTER STATE", 5_000))
                    .as("the backup takes over" + lab.context()).isTrue();
            Thread.sleep(500);
            assertThat(VrrpInteropTest.hasVip(lab.h2)).as("VIP on the backup").isTrue();
            assertThat(VrrpInteropTest.hasVip(lab.h1)).as("VIP gone from the faulty master").isFalse();

            up = wallClock();
            lab.h1.check("ip", "link", "set", "eth1", "up");
            assertThat(lab.master.awaitLog("Netlink reports eth1 up", 5_000)).isTrue();
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (count(lab.master.log(), "(VI_1) Entering MASTER STATE") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(count(lab.master.log(), "(VI_1) Entering MASTER STATE")).as("master is back" + lab.context())
                    .isEqualTo(2);
            assertThat(lab.backup.awaitLog("(VI_1) Entering BACKUP STATE", 5_000)).isTrue();
            Thread.sleep(500); // let the capture see the comeback
            assertThat(VrrpInteropTest.hasVip(lab.h1)).as("VIP back on the master").isTrue();
        }
        List<double[]> adverts = lab.adverts();
        String context = lab.context();
        double prio0 = first(adverts, 1, 0, down);
        assertThat(prio0 - down).as("priority 0 right after the link goes down" + context)
                .isPositive().isLessThanOrEqualTo(SLACK + LOADED_SLACK);
        double takeover = first(adverts, 2, 100, prio0);
        assertThat(takeover - prio0).as("backup takes over within its skew + 100 ms" + context)
                .isPositive().isLessThanOrEqualTo(skew(100) + SLACK + LOADED_SLACK);
        double back = first(adverts, 1, 150, up);
        assertThat(back - up).as("master back within master-down" + context)
                .isPositive().isLessThanOrEqualTo(3 + skew(150) + SLACK + LOADED_SLACK);
    }

    @Test
    void negativeWeightLowersThePriorityBelowTheBackup() throws Exception {
        Path flag = dir.resolve("flag");
        Files.writeString(flag, "up\n");
        String scripts = "vrrp_script chk_flag {\n    script \"/usr/bin/test -f " + flag + "\"\n    interval 1\n"
                + "    weight -60\n}\n";
        String tracking = "    track_script {\n        chk_flag\n    }\n";
        double removed;
        Lab lab = new Lab("vw");
        try (lab) {
            lab.start(masterConfig(scripts, tracking));
            removed = wallClock();
            Files.delete(flag);
            assertThat(lab.master.awaitLog("(VI_1) Changing effective priority from 150 to 90", 5_000))
                    .as("weight -60 applies" + lab.context()).isTrue();
            assertThat(lab.backup.awaitLog("(VI_1) Entering MASTER STATE", 10_000))
                    .as("the backup, now higher, preempts" + lab.context()).isTrue();
            assertThat(lab.master.awaitLog("(VI_1) Entering BACKUP STATE", 5_000))
                    .as("the master yields" + lab.context()).isTrue();
            Thread.sleep(500);
            assertThat(VrrpInteropTest.hasVip(lab.h2)).isTrue();
            assertThat(VrrpInteropTest.hasVip(lab.h1)).isFalse();
        }
        List<double[]> adverts = lab.adverts();
        double lowered = first(adverts, 1, 90, removed);
        assertThat(lowered - removed).as("priority 90 on the wire within one interval" + lab.context())
                .isPositive().isLessThanOrEqualTo(1 + SLACK + LOADED_SLACK);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
