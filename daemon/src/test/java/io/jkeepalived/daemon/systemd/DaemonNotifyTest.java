package io.jkeepalived.daemon.systemd;

import io.jkeepalived.netlink.UnixDatagramSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon as systemd runs it: {@code $NOTIFY_SOCKET} and {@code /dev/log} are sockets this test binds. The
 * configuration has no VRRP instance, so the daemon opens no network socket and changes nothing on the host; its
 * pid files are in the temporary directory. It is stopped with SIGTERM, by pid, even when an assertion fails.
 */
class DaemonNotifyTest {
    @TempDir
    Path dir;

    private static String next(UnixDatagramSocket s) throws Exception {
        byte[] b = s.receive(8192, 30_000);
        assertThat(b).as("a datagram within 30 s").isNotNull();
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void readyAfterStartStoppingOnSigtermAndSyslogUnderKeepalivedsIdent() throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, "global_defs {\n    router_id jk_ops_test\n}\n");
        String notifyPath = dir.resolve("notify").toString();
        String logPath = dir.resolve("log").toString();
        try (UnixDatagramSocket systemd = UnixDatagramSocket.bind(notifyPath);
             UnixDatagramSocket syslog = UnixDatagramSocket.bind(logPath)) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xshare:auto", "-Djk.syslog.socket=" + logPath,
                    "-cp", System.getProperty("java.class.path"), "io.jkeepalived.daemon.Main",
                    "--dont-fork", "-S", "local2", "-f", conf.toString(), "-p", dir.resolve("k.pid").toString(),
                    "-r", dir.resolve("v.pid").toString(), "-c", dir.resolve("c.pid").toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out.log").toFile());
            pb.environment().put("NOTIFY_SOCKET", notifyPath);
            pb.environment().remove("JOURNAL_STREAM");
            Process p = pb.start();
            try {
                String ready = next(systemd);
                assertThat(ready).startsWith("READY=1\nSTATUS=Running 0 subsystem(s)\nMAINPID=" + p.pid());
                assertThat(Files.readString(dir.resolve("k.pid")).trim()).isEqualTo(Long.toString(p.pid()));
                String first = next(syslog);
                // LOG_LOCAL2 (18) * 8 + LOG_INFO (6)
                assertThat(first).startsWith("<150>").contains(" Keepalived[" + p.pid() + "]: Starting jkeepalived");
                new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
                assertThat(next(systemd)).isEqualTo("STOPPING=1\nSTATUS=Stopping");
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
                assertThat(dir.resolve("k.pid")).doesNotExist();
                // without -l, nothing goes to the console while syslog takes the lines
                assertThat(Files.readString(dir.resolve("out.log"))).isEmpty();
            } finally {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
