package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.NetNs;
import io.jkeepalived.e2e.vrrp.Director.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same sync-group story told by keepalived 2.2.7 and by jkeepalived, each alone in a lab of its own
 * ({@code jk-sync-*}), must give the same group and state lines in the same order: VI_1 (eth0) and VI_2 (eth1, a
 * veth pair inside h1) in {@code vrrp_sync_group G}, VI_1 with a weighted track_script that the group makes
 * keepalived ignore; eth1 goes down (VI_2 FAULT pulls VI_1), comes back (both BACKUP), and both become master
 * together. "sent 0 priority" is left out: keepalived logs it only for the member whose own tracker failed,
 * jkeepalived for the pulled master too.
 */
class VrrpSyncLogDiffTest {
    private static final Pattern LINE = Pattern.compile(
            "VRRP_Group\\(|Entering .* STATE|Netlink reports eth1|ignoring tracked script");

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        VrrpInteropTest.needs();
    }

    private final class Side implements AutoCloseable {
        final NetNs lab;
        final NetNs.Host h1;
        final Director director;

        Side(Kind kind) throws Exception {
            lab = NetNs.create("sync-d" + kind.label() + ProcessHandle.current().pid() % 10000, 0);
            try {
                h1 = lab.addHost("h1");
                h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
                h1.check("ip", "link", "add", "eth1", "type", "veth", "peer", "name", "eth1p");
                h1.check("ip", "link", "set", "eth1p", "up");
                h1.check("ip", "link", "set", "eth1", "up");
                h1.check("ip", "addr", "add", "203.0.113.1/24", "dev", "eth1");
            } catch (Exception e) {
                lab.close();
                throw e;
            }
            director = new Director(kind, h1, kind.label(), dir);
        }

        void start() throws Exception {
            StringBuilder c = new StringBuilder("global_defs {\n    router_id lab_d\n}\n"
                    + "vrrp_script chk {\n    script \"/bin/true\"\n    interval 1\n    weight 10\n}\n"
                    + "vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n}\n");
            String[][] inst = {{"VI_1", "eth0", "51", "198.51.100.100"}, {"VI_2", "eth1", "52", "203.0.113.100"}};
            for (String[] i : inst) {
                c.append("vrrp_instance ").append(i[0]).append(" {\n    state MASTER\n    interface ").append(i[1])
                        .append("\n    virtual_router_id ").append(i[2]).append("\n    priority 150\n")
                        .append("    advert_int 1\n");
                if (i[0].equals("VI_1")) {
                    c.append("    track_script {\n        chk\n    }\n");
                }
                c.append("    virtual_ipaddress {\n        ").append(i[3]).append("/24 dev ").append(i[1])
                        .append("\n    }\n}\n");
            }
            director.start(c.toString());
        }

        List<String> lines() throws Exception {
            List<String> out = new ArrayList<>();
            for (String line : director.log().split("\n")) {
                if (LINE.matcher(line).find()) {
                    int at = line.indexOf(": ", 20); // after the time stamp
                    out.add(at >= 0 ? line.substring(at + 2) : line);
                }
            }
            return out;
        }

        @Override
        public void close() throws Exception {
            try {
                director.signal("KILL");
            } finally {
                lab.close();
            }
        }
    }

    private static void both(Side a, Side b, String text, int times, long millis) throws Exception {
        for (Side s : List.of(a, b)) {
            long deadline = System.nanoTime() + millis * 1_000_000;
            while (count(s.director.log(), text) < times && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(count(s.director.log(), text)).as("%s logs %s\n%s", s.director, text, s.director.log())
                    .isGreaterThanOrEqualTo(times);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Index just past the n-th group MASTER line: which member times out first may differ. */
    private static int afterMaster(List<String> lines, int n) {
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("VRRP_Group(G) Syncing instances to MASTER state") && ++seen == n) {
                return Math.min(lines.size(), i + 2); // and the pulled member's MASTER line
            }
        }
        return lines.size();
    }

    @Test
    void syncGroupLogLinesMatchKeepalived() throws Exception {
        try (Side ka = new Side(Kind.KEEPALIVED); Side jk = new Side(Kind.JKEEPALIVED)) {
            ka.start();
            jk.start();
            both(ka, jk, "VRRP_Group(G) Syncing instances to MASTER state", 1, 20_000);
            Thread.sleep(1_000);
            for (Side s : List.of(ka, jk)) {
                s.h1.check("ip", "link", "set", "eth1", "down");
            }
            both(ka, jk, "(VI_1) Entering FAULT STATE", 1, 5_000);
            for (Side s : List.of(ka, jk)) {
                s.h1.check("ip", "link", "set", "eth1", "up");
            }
            both(ka, jk, "VRRP_Group(G) Syncing instances to BACKUP state", 1, 5_000);
            both(ka, jk, "VRRP_Group(G) Syncing instances to MASTER state", 2, 10_000);
            Thread.sleep(500);
            List<String> want = ka.lines();
            List<String> got = jk.lines();
            String context = "\n--- keepalived\n" + ka.director.log() + "\n--- jkeepalived\n" + jk.director.log();
            assertThat(want).as("the story happened" + context).contains(
                    "(VI_1) ignoring tracked script chk with weights due to SYNC group",
                    "Netlink reports eth1 down", "(VI_2) Entering FAULT STATE",
                    "VRRP_Group(G) Syncing instances to FAULT state", "(VI_1) Entering FAULT STATE",
                    "VRRP_Group(G) Syncing instances to BACKUP state");
            int w1 = afterMaster(want, 1);
            int g1 = afterMaster(got, 1);
            assertThat(got.subList(0, g1)).as("start" + context)
                    .containsExactlyInAnyOrderElementsOf(want.subList(0, w1));
            int w2 = afterMaster(want, 2) - 3;
            int g2 = afterMaster(got, 2) - 3;
            assertThat(got.subList(g1, g2)).as("fault and recovery, in order" + context)
                    .containsExactlyElementsOf(want.subList(w1, w2));
            assertThat(got.subList(g2, got.size())).as("master again" + context)
                    .containsExactlyInAnyOrderElementsOf(want.subList(w2, want.size()));
        }
    }
}
