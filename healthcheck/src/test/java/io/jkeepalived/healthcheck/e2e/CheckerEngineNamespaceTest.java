package io.jkeepalived.healthcheck.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.healthcheck.CheckerEngine;
import io.jkeepalived.healthcheck.HcConfigs;
import io.jkeepalived.healthcheck.RealServerVerdict;
import io.jkeepalived.netlink.NetworkNamespace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker engine with real TCP_CHECKs across a veth pair: real servers are listeners at 198.51.100.10 and
 * .11 in one namespace, the engine runs in the other. A stopped listener (connection refused) and a vanished
 * address (connect timeout) each take the real server down after its retry, with keepalived's lines and
 * notify_down; a listener started again brings it back up with notify_up.
 */
class CheckerEngineNamespaceTest {
    @TempDir
    Path dir;

    @Test
    void realServersGoDownAndComeBack() throws Exception {
        Assumptions.assumeTrue(NsLab.usable(), "needs root and iproute2 to create network namespaces");
        Path notifyLog = dir.resolve("notify.log");
        Path script = dir.resolve("notify.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1 $2\" >> " + notifyLog + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        KeepalivedConfig config = HcConfigs.load(dir, """
                virtual_server 198.51.100.1 80 {
                  protocol TCP
                  delay_loop 0.3
                  real_server 198.51.100.10 80 {
                    notify_up "%1$s up .10"
                    notify_down "%1$s down .10"
                    TCP_CHECK {
                      retry 1
                      delay_before_retry 0.2
                      warmup 0
                      connect_timeout 1
                    }
                  }
                  real_server 198.51.100.11 80 {
                    notify_up "%1$s up .11"
                    notify_down "%1$s down .11"
                    TCP_CHECK {
                      retry 1
                      delay_before_retry 0.2
                      warmup 0
                      connect_timeout 0.5
                    }
                  }
                }
                """.formatted(script));
        Logger log = (Logger) LoggerFactory.getLogger("jkeepalived.check");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        List<RealServerVerdict> verdicts = new CopyOnWriteArrayList<>();
        try (NsLab lab = new NsLab("jk-hce-e2e")) {
            lab.addServerAddress("198.51.100.10");
            lab.addServerAddress("198.51.100.11");
            NsLab.Listener ten = lab.listen("198.51.100.10", 80);
            lab.listen("198.51.100.11", 80);
            // the engine's event loop threads start inside the director's namespace, so its sockets are there
            CheckerEngine engine = NetworkNamespace.callIn(lab.director, () -> CheckerEngine.start(config,
                    System::nanoTime, verdicts::add, new CheckerEngine.Options(2, w -> 0, false)));
            try {
                await("first checks succeed", () -> logged(lines, "TCP connection to [198.51.100.10]:tcp:80 success.")
                        && logged(lines, "TCP connection to [198.51.100.11]:tcp:80 success."));
                assertThat(verdicts).extracting(RealServerVerdict::up).containsExactly(true, true);
                assertThat(logged(lines, "Activating healthchecker for service [198.51.100.10]:tcp:80 for VS [198.51.100.1]:tcp:80"))
                        .isTrue();

                ten.close();
                await(".10 down", () -> last(verdicts, "198.51.100.10") == Boolean.FALSE);
                assertThat(logged(lines, "TCP_CHECK on service [198.51.100.10]:tcp:80 failed after 1 retries.")).isTrue();
                assertThat(last(verdicts, "198.51.100.11")).isTrue();

                ten = lab.listen("198.51.100.10", 80);
                await(".10 up", () -> last(verdicts, "198.51.100.10") == Boolean.TRUE);

                // nobody answers for .11 any more: the connect times out
                lab.removeServerAddress("198.51.100.11");
                await(".11 down", () -> last(verdicts, "198.51.100.11") == Boolean.FALSE);
                assertThat(logged(lines, "TCP_CHECK on service [198.51.100.11]:tcp:80 failed after 1 retries.")).isTrue();

                await("notify scripts", () -> lines(notifyLog).containsAll(List.of("down .10", "up .10", "down .11")));
                assertThat(lines(notifyLog)).containsSubsequence("down .10", "up .10");
                assertThat(engine.epoll()).isTrue();
            } finally {
                engine.close();
            }
        } finally {
            log.detachAppender(lines);
        }
    }

    private static boolean logged(ListAppender<ILoggingEvent> lines, String line) {
        synchronized (lines.list) {
            return lines.list.stream().anyMatch(e -> e.getFormattedMessage().equals(line));
        }
    }

    private static Boolean last(List<RealServerVerdict> verdicts, String address) {
        Boolean up = null;
        for (RealServerVerdict v : verdicts) {
            if (v.realServer().address().equals(address)) {
                up = v.up();
            }
        }
        return up;
    }

    private static List<String> lines(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 400 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
