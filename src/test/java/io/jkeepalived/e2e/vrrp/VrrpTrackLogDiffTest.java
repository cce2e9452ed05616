package io.jkeepalived.e2e.vrrp;

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
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same tracker story told by keepalived 2.2.7 and by jkeepalived, each alone in a lab of its own, must give the
 * same tracker log lines in the same order: a weighted script (-10), a weighted interface (-20) and a weight-0
 * script with fall 2 and {@code init_fail} (which 2.2.7 ignores for a tracked script) fail and recover in turn.
 */
class VrrpTrackLogDiffTest {
    private static final Pattern TRACKER_LINE = Pattern.compile(
            "VRRP_Script\\(|Script `|Changing effective priority|Entering .* STATE|Netlink reports eth1|sent 0 priority"
                    + "|entering FAULT state");

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        VrrpInteropTest.needs();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/test")), "needs /usr/bin/test for the check");
    }

    /** One implementation in its own lab, with its own flag files and a tracked eth1 (a veth pair inside h1). */
    private final class Side implements AutoCloseable {
        final NetNs lab;
        final NetNs.Host h1;
        final Director director;
        final Path flag0;
        final Path flagW;

        Side(Kind kind) throws Exception {
            lab = NetNs.create("vd" + kind.label() + ProcessHandle.current().pid() % 10000, 0);
            try {
                h1 = lab.addHost("h1");
                h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
                h1.check("ip", "link", "add", "eth1", "type", "veth", "peer", "name", "eth1p");
                h1.check("ip", "link", "set", "eth1p", "up");
                h1.check("ip", "link", "set", "eth1", "up");
            } catch (Exception e) {
                lab.close();
                throw e;
            }
            director = new Director(kind, h1, kind.label(), dir);
            flag0 = dir.resolve(kind.label() + "-flag0");
            flagW = dir.resolve(kind.label() + "-flagW");
            Files.writeString(flag0, "up\n");
            Files.writeString(flagW, "up\n");
        }

        void start() throws Exception {
            String c = VrrpInteropTest.config(VrrpInteropTest.V2_PASS, "d", "MASTER", 150, "198.51.100.1", null);
            c = c.replace("vrrp_instance VI_1 {\n", "vrrp_script chk_zero {\n    script \"/usr/bin/test -f " + flag0
                    + "\"\n    interval 1\n    fall 2\n    init_fail\n}\nvrrp_script chk_w {\n    script \"/usr/bin/test -f "
                    + flagW + "\"\n    interval 1\n    weight -10\n}\nvrrp_instance VI_1 {\n")
                    .replace("    virtual_ipaddress {\n", "    track_script {\n        chk_zero\n        chk_w\n    }\n"
                            + "    track_interface {\n        eth1 weight -20\n    }\n    virtual_ipaddress {\n");
            director.start(c);
        }

        List<String> trackerLines() throws Exception {
            List<String> out = new ArrayList<>();
            for (String line : director.log().split("\n")) {
                if (TRACKER_LINE.matcher(line).find()) {
                    int at = line.indexOf(": ", 20); // after the "Mon Nov 30 10:25:09 2026" time stamp
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

    /** Waits (bounded) until both have logged {@code text} {@code times} times. */
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

    /** Index just past the first MASTER line: before it the two scripts' first results may come in either order. */
    private static int started(List<String> lines) {
        return lines.indexOf("(VI_1) Entering MASTER STATE") + 1;
    }

    @Test
    void trackerLogLinesMatchKeepalived() throws Exception {
        try (Side ka = new Side(Kind.KEEPALIVED); Side jk = new Side(Kind.JKEEPALIVED)) {
            ka.start();
            jk.start();
            both(ka, jk, "(VI_1) Entering MASTER STATE", 1, 20_000);
            for (Side s : List.of(ka, jk)) {
                Files.delete(s.flagW);
            }
            both(ka, jk, "Changing effective priority from 150 to 140", 1, 5_000);
            for (Side s : List.of(ka, jk)) {
                s.h1.check("ip", "link", "set", "eth1", "down");
            }
            both(ka, jk, "Changing effective priority from 140 to 120", 1, 5_000);
            for (Side s : List.of(ka, jk)) {
                Files.delete(s.flag0);
            }
            both(ka, jk, "(VI_1) Entering FAULT STATE", 1, 8_000);
            for (Side s : List.of(ka, jk)) {
                s.h1.check("ip", "link", "set", "eth1", "up");
            }
            both(ka, jk, "Changing effective priority from 120 to 140", 1, 5_000);
            for (Side s : List.of(ka, jk)) {
                Files.writeString(s.flag0, "up\n");
            }
            both(ka, jk, "(VI_1) Entering BACKUP STATE", 2, 5_000);
            for (Side s : List.of(ka, jk)) {
                Files.writeString(s.flagW, "up\n");
            }
            both(ka, jk, "Changing effective priority from 140 to 150", 1, 5_000);
            both(ka, jk, "(VI_1) Entering MASTER STATE", 2, 8_000); // after master-down
            List<String> want = ka.trackerLines();
            List<String> got = jk.trackerLines();
            String context = "\n--- keepalived\n" + ka.director.log() + "\n--- jkeepalived\n" + jk.director.log();
            assertThat(got.subList(0, started(got))).as("start" + context)
                    .containsExactlyInAnyOrderElementsOf(want.subList(0, started(want)));
            assertThat(got.subList(started(got), got.size())).as("after the start, in order" + context)
                    .containsExactlyElementsOf(want.subList(started(want), want.size()));
        }
    }
}
