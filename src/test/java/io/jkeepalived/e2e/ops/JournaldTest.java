package io.jkeepalived.e2e.ops;

import io.jkeepalived.e2e.DaemonProcess;
import io.jkeepalived.e2e.NetNs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon under a real systemd-journald, as under systemd: a private journald runs in a mount namespace of its own
 * ({@code /run/systemd}, {@code /run/log} and {@code /var/log/journal} bound to the test's directory, so the host's
 * journal is never touched; kernel messages not read), the daemon's stdout/stderr are a journal stream
 * ({@code systemd-cat}, with {@code $JOURNAL_STREAM} set to the stream's device:inode as systemd sets it) and its
 * syslog goes to that journald's {@code dev-log}. {@code journalctl -D DIR -o json} must show keepalived's idents
 * (Keepalived, Keepalived_vrrp) with PRIORITY 6 and facility daemon for the syslog entries, and the stream entries with
 * the priority of their {@code <N>} prefix and the prefix removed. Skips with the reason when journald cannot start.
 */
class JournaldTest {
    private static final Path JOURNALD = Path.of("/lib/systemd/systemd-journald");

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
        Assumptions.assumeTrue(Files.isExecutable(JOURNALD), "needs systemd-journald (" + JOURNALD + ")");
        for (String tool : List.of("/usr/bin/journalctl", "/usr/bin/systemd-cat", "/usr/bin/unshare")) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of(tool)), "needs " + tool);
        }
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/run/systemd")) && Files.isDirectory(Path.of("/run/log")),
                "needs /run/systemd and /run/log to mount the private journald's directories over");
    }

    private static final String CONFIG = """
            vrrp_instance VI_1 {
              state MASTER
              interface eth0
              virtual_router_id 71
              priority 100
              advert_int 1
              virtual_ipaddress {
                198.51.100.100/24
              }
            }
            """;

    @Test
    void syslogAndStreamEntriesCarryKeepalivedsIdentsAndPriorities() throws Exception {
        try (NetNs ns = NetNs.create("ops-jd" + ProcessHandle.current().pid() % 10000, 0)) {
            NetNs.Host h1 = ns.addHost("h1");
            h1.check("ip", "addr", "add", "198.51.100.1/24", "dev", "eth0");
            Path conf = dir.resolve("ka.conf");
            Files.writeString(conf, CONFIG);
            for (String d : List.of("run", "runlog", "varlog")) {
                Files.createDirectories(dir.resolve(d));
            }
            Files.writeString(dir.resolve("journald.conf"),
                    "[Journal]\nStorage=volatile\nReadKMsg=no\nForwardToSyslog=no\nForwardToWall=no\nForwardToConsole=no\n");
            String classpath = System.getProperty("java.class.path");
            String daemon = Arrays.stream(DaemonProcess.command(
                            DaemonProcess.jkeepalived("-Djk.syslog.socket=/run/systemd/journal/dev-log"), conf, dir, "k", "-P"))
                    .map(a -> a.equals(classpath) ? "'" + a + "'" : a).collect(Collectors.joining(" "));
            String script = """
                    set -e
                    mount --bind %1$s/run /run/systemd
                    mkdir -p /run/systemd/journal
                    mount --bind %1$s/runlog /run/log
                    if [ -d /var/log/journal ]; then mount --bind %1$s/varlog /var/log/journal; fi
                    if [ -f /etc/systemd/journald.conf ]; then mount --bind %1$s/journald.conf /etc/systemd/journald.conf; fi
                    %2$s > %1$s/journald.out 2>&1 &
                    J=$!
                    echo $J > %1$s/journald.pid
                    for i in $(seq 1 100); do
                      [ -S /run/systemd/journal/stdout ] && [ -S /run/systemd/journal/dev-log ] && break
                      sleep 0.05
                    done
                    if ! [ -S /run/systemd/journal/stdout ]; then echo "journald did not start" > %1$s/failed; kill $J; exit 3; fi
                    ip netns exec %3$s systemd-cat -t jkeepalived sh -c 'export JOURNAL_STREAM=$(stat -L -c %%d:%%i /proc/self/fd/1); exec %4$s' &
                    echo $! > %1$s/daemon.pid
                    wait $! || true
                    sleep 0.5
                    kill $J
                    wait $J || true
                    """.formatted(dir, JOURNALD, h1.name(), daemon);
            Path run = dir.resolve("run.sh");
            Files.writeString(run, script);
            Process p = new ProcessBuilder("setsid", "unshare", "-m", "--propagation", "private", "bash", run.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("run.out").toFile()).start();
            try {
                Path journal = dir.resolve("runlog").resolve("journal");
                boolean master = false;
                for (int n = 0; n < 600 && !master && p.isAlive(); n++) {
                    Thread.sleep(50);
                    master = Files.isDirectory(journal) && journalctl(journal).contains("(VI_1) Entering MASTER STATE");
                }
                Assumptions.assumeFalse(Files.exists(dir.resolve("failed")),
                        () -> "systemd-journald could not be started here: " + read(dir.resolve("journald.out")));
                assertThat(master).as("the daemon logs through journald\n%s\n%s", read(dir.resolve("run.out")),
                        read(dir.resolve("journald.out"))).isTrue();
                long pid = Long.parseLong(Files.readString(dir.resolve("daemon.pid")).strip());
                new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("daemon and journald stop\n%s", read(dir.resolve("run.out"))).isTrue();

                List<Map<String, String>> entries = entries(journalctl(journal));
                Map<String, String> startSyslog = find(entries, "syslog", "Starting jkeepalived");
                assertThat(startSyslog).as("the start line through /dev/log").isNotNull()
                        .containsEntry("SYSLOG_IDENTIFIER", "Keepalived").containsEntry("PRIORITY", "6")
                        .containsEntry("SYSLOG_FACILITY", "3").containsEntry("SYSLOG_PID", Long.toString(pid));
                assertThat(find(entries, "syslog", "(VI_1) Entering MASTER STATE")).as("a VRRP line through /dev/log")
                        .isNotNull().containsEntry("SYSLOG_IDENTIFIER", "Keepalived_vrrp").containsEntry("PRIORITY", "6");
                assertThat(find(entries, "syslog", "Stopped jkeepalived")).as("the last line through /dev/log")
                        .isNotNull().containsEntry("SYSLOG_IDENTIFIER", "Keepalived");
                Map<String, String> stream = find(entries, "stdout", "(VI_1) Entering MASTER STATE");
                assertThat(stream).as("-l: the stream entry, <6> parsed by journald").isNotNull()
                        .containsEntry("SYSLOG_IDENTIFIER", "jkeepalived").containsEntry("PRIORITY", "6")
                        .containsEntry("MESSAGE", "(VI_1) Entering MASTER STATE");
                assertThat(entries.stream().filter(e -> "stdout".equals(e.get("_TRANSPORT")))
                        .map(e -> e.get("MESSAGE")).filter(m -> m != null && (m.startsWith("<") || m.matches("^\\w{3} \\w{3} .*"))))
                        .as("no <N> prefix and no timestamp left in the stream's messages").isEmpty();
            } finally {
                if (p.isAlive()) {
                    new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).start().waitFor(10, TimeUnit.SECONDS);
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static String journalctl(Path journal) throws IOException, InterruptedException {
        Process j = new ProcessBuilder("journalctl", "-D", journal.toString(), "-o", "json", "--no-pager")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = j.getInputStream().readAllBytes();
        j.waitFor(20, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static final Pattern FIELD = Pattern.compile("\"([A-Z_]+)\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The string fields of each entry (journalctl -o json writes one object per line; fields we need are strings). */
    private static List<Map<String, String>> entries(String json) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : json.split("\n")) {
            Map<String, String> e = new java.util.HashMap<>();
            Matcher m = FIELD.matcher(line);
            while (m.find()) {
                e.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
            if (!e.isEmpty()) {
                out.add(e);
            }
        }
        return out;
    }

    private static Map<String, String> find(List<Map<String, String>> entries, String transport, String messageStart) {
        return entries.stream().filter(e -> transport.equals(e.get("_TRANSPORT")))
                .filter(e -> e.getOrDefault("MESSAGE", "").startsWith(messageStart)).findFirst().orElse(null);
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
