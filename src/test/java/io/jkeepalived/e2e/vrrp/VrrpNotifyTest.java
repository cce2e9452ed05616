package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.NetNs;
import io.jkeepalived.e2e.vrrp.Director.Kind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications in the running daemon: two jkeepalived (h1 priority 150, h2 priority 100, v2 PASS, advert_int 1)
 * with notify_master/backup/fault/stop and a generic notify script that append their argv (joined with '|', so
 * argument boundaries show) to a file per host, a vrrp_notify_fifo (h2's read by its vrrp_notify_fifo_script, h1's
 * by this test, so that the STOP line can be seen: a FIFO script is killed with its daemon's process group) and
 * smtp_alert mail to a listener in a third namespace. Transitions: h1 starts (BACKUP, MASTER), h2 starts
 * (BACKUP), h1 stops (STOP; h2 MASTER), h1 restarts (BACKUP, preempts to MASTER; h2 BACKUP), both stop.
 */
class VrrpNotifyTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
    }

    private Path executable(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private String config(String id, int priority, String self, String peer, Path rec, Path fifo, Path fifoScript) {
        String r = rec.toString();
        return "global_defs {\n"
                + "    router_id lab_" + id + "\n"
                + "    enable_script_security\n"
                + "    script_user root\n"
                + "    smtp_server 198.51.100.3 2525\n"
                + "    smtp_connect_timeout 5\n"
                + "    smtp_helo_name " + id + ".example\n"
                + "    notification_email {\n        ops@example.com\n        oncall@example.com\n    }\n"
                + "    notification_email_from " + id + "@example.com\n"
                + "    vrrp_notify_fifo " + fifo + "\n"
                + (fifoScript != null ? "    vrrp_notify_fifo_script " + fifoScript + "\n" : "")
                + "}\n"
                + "vrrp_instance VI_1 {\n"
                + "    state BACKUP\n"
                + "    interface eth0\n"
                + "    virtual_router_id 51\n"
                + "    priority " + priority + "\n"
                + "    advert_int 1\n"
                + "    authentication {\n        auth_type PASS\n        auth_pass labpass1\n    }\n"
                + "    virtual_ipaddress {\n        198.51.100.10/24\n    }\n"
                + "    notify_master \"" + r + " " + id + " master\"\n"
                + "    notify_backup \"" + r + " " + id + " backup\"\n"
                + "    notify_fault \"" + r + " " + id + " fault\"\n"
                + "    notify_stop \"" + r + " " + id + " stop\"\n"
                + "    notify \"" + r + " " + id + " 'the generic'\"\n"
                // world-writable: refused under enable_script_security, with keepalived's log line
                + "    notify_master_rx_lower_pri \"" + rec.resolveSibling("unsafe.sh") + " " + id + " rx\"\n"
                + "    smtp_alert\n"
                + "}\n";
    }

    /** Reads h1's FIFO from this JVM, each incarnation to its end (the daemon unlinks it, then closes it). */
    private static Thread fifoReader(Path fifo, List<String> lines, AtomicBoolean done) {
        Thread t = new Thread(() -> {
            for (int round = 0; round < 10 && !done.get(); round++) {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!Files.exists(fifo) && System.nanoTime() < deadline && !done.get()) {
                    sleep(20);
                }
                if (!Files.exists(fifo)) {
                    return;
                }
                try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(fifo),
                        StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        synchronized (lines) {
                            lines.add(l);
                        }
                    }
                } catch (IOException e) {
                    sleep(20);
                }
                // the FIFO is unlinked before it is closed: wait until it is gone before looking for the next one
                long gone = System.nanoTime() + 5_000_000_000L;
                while (Files.exists(fifo) && System.nanoTime() < gone) {
                    sleep(20);
                }
            }
        }, "fifo reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static boolean awaitCount(Director d, String text, int n, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (count(d.log(), text) >= n) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The complete mail sessions from {@code from}, as the listener recorded them. */
    private static List<String> sessions(Path mails, String from) throws IOException {
        List<String> out = new ArrayList<>();
        for (String session : Files.readString(mails).split("---\n")) {
            if (session.contains("MAIL FROM:<" + from + ">")) {
                out.add(session);
            }
        }
        return out;
    }

    private static String normalised(String session) {
        return session.replaceAll("(?m)^Date: .*$", "Date: -").replaceAll("h[12]", "hX").replaceAll("150|100", "P");
    }

    /** The subjects of the mails from {@code from}, in the order the listener got them. */
    private static List<String> subjects(Path mails, String from) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.exists(mails)) {
            return out;
        }
        String all = Files.readString(mails);
        for (String session : all.split("---\n")) {
            if (!session.contains("MAIL FROM:<" + from + ">")) {
                continue;
            }
            for (String line : session.split("\n")) {
                if (line.startsWith("Subject: ")) {
                    out.add(line.substring("Subject: ".length()));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "h2 is {0}")
    @EnumSource(Kind.class)
    void everyTransitionIsNotifiedInOrderWithKeepalivedsArguments(Kind h2Kind) throws Exception {
        Assumptions.assumeTrue(h2Kind == Kind.JKEEPALIVED || Director.keepalivedInstalled(),
                "needs Debian's keepalived (apt-get install keepalived) as the reference peer");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path calls = dir.resolve("calls");
        Files.createDirectory(calls);
        Path rec = executable("rec.sh", "#!/bin/sh\nhost=$1\nIFS='|'\necho \"$*\" >> " + calls + "/$host\n");
        Path unsafe = executable("unsafe.sh", "#!/bin/sh\necho \"$*\" >> " + calls + "/unsafe\n");
        Files.setPosixFilePermissions(unsafe, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path h2FifoLog = dir.resolve("h2.fifo.log");
        Path fifoScript = executable("fifo-reader.sh", "#!/bin/sh\nexec cat \"$1\" >> " + h2FifoLog + "\n");
        Path h1Fifo = dir.resolve("h1.fifo");
        Path h2Fifo = dir.resolve("h2.fifo");
        Path mails = dir.resolve("mails");
        List<String> h1FifoLines = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        String h1Config = config("h1", 150, "198.51.100.1", "198.51.100.2", rec, h1Fifo, null);
        String h2Config = config("h2", 100, "198.51.100.2", "198.51.100.1", rec, h2Fifo, fifoScript);
        String context = "";
        try (NetNs ns = NetNs.create("notify-" + ProcessHandle.current().pid() % 100000, 0)) {
            NetNs.Host h1 = ns.addHost("h1");
            NetNs.Host h2 = ns.addHost("h2");
            NetNs.Host h3 = ns.addHost("h3");
            h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            h2.check("ip", "addr", "add", "198.51.100.2/24", "dev", "eth0");
            h3.check("ip", "addr", "add", "198.51.100.3/24", "dev", "eth0");
            NetNs.Daemon sink = h3.start(dir.resolve("sink.log"),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), SmtpSink.class.getName(), "198.51.100.3", "2525",
                    mails.toString());
            Director first = new Director(Kind.JKEEPALIVED, h1, "h1", dir);
            Director backup = new Director(h2Kind, h2, "h2", dir);
            Director again = new Director(Kind.JKEEPALIVED, h1, "h1b", dir);
            try {
                long bound = System.nanoTime() + 20_000_000_000L;
                while (!sink.output().contains("listening") && System.nanoTime() < bound) {
                    Thread.sleep(50);
                }
                assertThat(sink.output()).as("the SMTP listener runs").contains("listening");
                Thread reader = fifoReader(h1Fifo, h1FifoLines, done);

                first.start(h1Config);
                assertThat(first.awaitLog("(VI_1) Entering MASTER STATE", 20_000)).as("h1 master\n" + first.log())
                        .isTrue();
                backup.start(h2Config);
                assertThat(backup.awaitLog("(VI_1) Entering BACKUP STATE", 20_000)).as("h2 backup\n" + backup.log())
                        .isTrue();
                Thread.sleep(1_500);

                first.signal("TERM");
                assertThat(first.awaitExit(15_000)).as("h1 stops\n" + first.log()).isTrue();
                assertThat(backup.awaitLog("(VI_1) Entering MASTER STATE", 10_000)).as("h2 takes over").isTrue();
                Thread.sleep(1_500);

                again.start(h1Config);
                assertThat(again.awaitLog("(VI_1) Entering MASTER STATE", 20_000)).as("h1 back\n" + again.log())
                        .isTrue();
                assertThat(awaitCount(backup, "(VI_1) Entering BACKUP STATE", 2, 10_000)).as("h2 steps down")
                        .isTrue();
                Thread.sleep(1_500);

                // h2's own interface down and up again: FAULT, then BACKUP
                h2.check("ip", "link", "set", "eth0", "down");
                assertThat(backup.awaitLog("(VI_1) Entering FAULT STATE", 10_000)).as("h2 faults\n" + backup.log())
                        .isTrue();
                Thread.sleep(1_000);
                h2.check("ip", "link", "set", "eth0", "up");
                assertThat(awaitCount(backup, "(VI_1) Entering BACKUP STATE", 3, 10_000))
                        .as("h2 back from FAULT\n" + backup.log()).isTrue();
                Thread.sleep(1_500);
                for (Director d : List.of(again, backup)) {
                    d.signal("TERM");
                }
                for (Director d : List.of(again, backup)) {
                    assertThat(d.awaitExit(15_000)).as(d + " stops\n" + d.log()).isTrue();
                }
                // the mails of the last STOPs, then the reader's last incarnation
                long mailBound = System.nanoTime() + 15_000_000_000L;
                while ((subjects(mails, "h1@example.com").size() < 6 || subjects(mails, "h2@example.com").size() < 5)
                        && System.nanoTime() < mailBound) {
                    Thread.sleep(100);
                }
                done.set(true);
                reader.join(5_000);
                context = "\n--- h1\n" + first.log() + "\n--- h1 again\n" + again.log() + "\n--- h2\n" + backup.log()
                        + "\n--- sink\n" + sink.output();
            } finally {
                done.set(true);
                for (Director d : List.of(first, backup, again)) {
                    d.signal("KILL");
                }
                NetNs.killGroup(sink, "KILL");
            }
        }
        String refused = "Unsafe permissions found for script '" + unsafe + "' - disabling.";
        assertThat(context).as("the unsafe script is refused by both" + context)
                .contains("--- h2\n").contains(refused);
        assertThat(context.substring(0, context.indexOf("--- h1 again"))).contains(refused);
        assertThat(context.substring(context.indexOf("--- h2\n"))).contains(refused);
        String id = "|VI_1|";
        assertThat(Files.readAllLines(calls.resolve("h1"))).as("h1's scripts" + context).containsExactly(
                "h1|backup", "h1|the generic|INSTANCE" + id + "BACKUP|150",
                "h1|master", "h1|the generic|INSTANCE" + id + "MASTER|150",
                "h1|stop", "h1|the generic|INSTANCE" + id + "STOP|150",
                "h1|backup", "h1|the generic|INSTANCE" + id + "BACKUP|150",
                "h1|master", "h1|the generic|INSTANCE" + id + "MASTER|150",
                "h1|stop", "h1|the generic|INSTANCE" + id + "STOP|150");
        List<String> h2Calls = List.of(
                "h2|backup", "h2|the generic|INSTANCE" + id + "BACKUP|100",
                "h2|master", "h2|the generic|INSTANCE" + id + "MASTER|100",
                "h2|backup", "h2|the generic|INSTANCE" + id + "BACKUP|100",
                "h2|fault", "h2|the generic|INSTANCE" + id + "FAULT|100",
                "h2|backup", "h2|the generic|INSTANCE" + id + "BACKUP|100",
                "h2|stop", "h2|the generic|INSTANCE" + id + "STOP|100");
        if (h2Kind == Kind.JKEEPALIVED) {
            assertThat(Files.readAllLines(calls.resolve("h2"))).as("h2's scripts" + context)
                    .containsExactlyElementsOf(h2Calls);
        } else {
            // keepalived forks its scripts without waiting: the same calls, in an order the scheduler picks
            assertThat(Files.readAllLines(calls.resolve("h2"))).as("h2's scripts" + context)
                    .containsExactlyInAnyOrderElementsOf(h2Calls);
        }
        synchronized (h1FifoLines) {
            assertThat(h1FifoLines).as("h1's FIFO" + context).containsExactly(
                    "INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_1\" MASTER 150", "INSTANCE \"VI_1\" STOP 150",
                    "INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_1\" MASTER 150", "INSTANCE \"VI_1\" STOP 150");
        }
        // the FIFO script is killed with its daemon's process group: it may or may not read the last STOP line
        assertThat(Files.readAllLines(h2FifoLog)).as("h2's FIFO script" + context).startsWith(
                "INSTANCE \"VI_1\" BACKUP 100", "INSTANCE \"VI_1\" MASTER 100", "INSTANCE \"VI_1\" BACKUP 100",
                "INSTANCE \"VI_1\" FAULT 100", "INSTANCE \"VI_1\" BACKUP 100");
        assertThat(Files.exists(h1Fifo)).as("the FIFO is removed at stop").isFalse();
        String s = "[lab_h1] VRRP Instance VI_1 - ";
        assertThat(subjects(mails, "h1@example.com")).as("h1's mail" + context).containsExactly(
                s + "Entering BACKUP state", s + "Entering MASTER state", s + "Stopping",
                s + "Entering BACKUP state", s + "Entering MASTER state", s + "Stopping");
        String t = "[lab_h2] VRRP Instance VI_1 - ";
        // the FAULT mail cannot leave while h2's only interface is down (keepalived drops it silently too)
        List<String> h2Mail = List.of(t + "Entering BACKUP state", t + "Entering MASTER state",
                t + "Entering BACKUP state", t + "Entering BACKUP state", t + "Stopping");
        if (h2Kind == Kind.JKEEPALIVED) {
            assertThat(subjects(mails, "h2@example.com")).as("h2's mail" + context).containsExactlyElementsOf(h2Mail);
        } else {
            // keepalived exits without waiting for its last mail: the listener sees that session reset
            List<String> got = subjects(mails, "h2@example.com");
            assertThat(got).as("h2's mail" + context).isSubsetOf(h2Mail)
                    .containsAll(h2Mail.subList(0, 4));
            // the same bytes as keepalived's, but for the date and the names
            assertThat(normalised(sessions(mails, "h1@example.com").get(0)))
                    .isEqualTo(normalised(sessions(mails, "h2@example.com").get(0)));
        }
        String mail = Files.readString(mails);
        assertThat(mail).contains("HELO h1.example\n", "RCPT TO:<ops@example.com>\n", "RCPT TO:<oncall@example.com>\n",
                "X-Mailer: Keepalived\n", "To: ops@example.com, oncall@example.com\n",
                "=> VRRP Instance is now owning VRRP VIPs <=\n", "=> VRRP Instance stopping <=\n");
    }
}
