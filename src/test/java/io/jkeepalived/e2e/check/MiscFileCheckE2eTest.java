package io.jkeepalived.e2e.check;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MISC_CHECK and FILE_CHECK end to end: the director runs {@code jkeepalived -C --dry-run}; the MISC_CHECK script is
 * the test's (it counts its runs in a file and exits with the code the test wrote, or hangs), the FILE_CHECK's
 * track_file is a file the test writes. Each real server: healthy → kept, failing → evicted after exactly its
 * retries (runs counted by the script), healthy again → restored; misc_dynamic exit codes and track_file values change
 * the weight ("Changing weight ..." and a dry-run edit); a hung script is killed after misc_timeout ("timed out").
 * The lines are keepalived 2.2.7's (check_misc.c, track_file.c). No real server address needs to answer here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MiscFileCheckE2eTest {
    private static final String RS = "198.51.100.30";
    private static final String VS = "[198.51.100.1]:tcp:80";
    private static final String SERVICE = "TCP 198.51.100.1:80";

    @TempDir
    static Path dir;

    private CheckLab lab;
    private Path script;
    private int started;

    @BeforeAll
    void start() throws Exception {
        String why = CheckLab.unavailable();
        Assumptions.assumeTrue(why == null, why);
        Path work = Files.createDirectory(dir.resolve("work"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        script = work.resolve("misc.sh");
        // $1 names the real server: its exit code is in $1.state ("hang" sleeps); a run adds a line to $1.count
        // after reading it, so a run the test counted cannot see a state written after
        Files.writeString(script, """
                #!/bin/sh
                code=$(cat %1$s/$1.state)
                echo run >> %1$s/$1.count
                if [ "$code" = hang ]; then sleep 30; exit 0; fi
                exit $code
                """.formatted(work));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String n : new String[] {"plain", "dyn", "slow"}) {
            state(n, "0");
        }
        Files.writeString(work.resolve("tf0"), "0\n");
        Files.writeString(work.resolve("tf1"), "0\n");
        lab = CheckLab.create("misc", dir);
        started = lab.mark();
        lab.start("""
                track_file tf0 {
                  file %1$s/tf0
                  weight 0
                }
                track_file tf1 {
                  file %1$s/tf1
                  weight 2
                }
                virtual_server 198.51.100.1 80 {
                  protocol TCP
                  delay_loop 1
                  real_server %2$s 80 {
                    MISC_CHECK {
                      misc_path "%3$s plain"
                      retry 2
                      delay_before_retry 0.3
                      warmup 0
                    }
                  }
                  real_server %2$s 81 {
                    weight 1
                    MISC_CHECK {
                      misc_path "%3$s dyn"
                      misc_dynamic
                      retry 1
                      delay_before_retry 0.3
                      warmup 0
                    }
                  }
                  real_server %2$s 82 {
                    MISC_CHECK {
                      misc_path "%3$s slow"
                      misc_timeout 1
                      retry 1
                      delay_before_retry 0.3
                      warmup 0
                    }
                  }
                  real_server %2$s 83 {
                    FILE_CHECK {
                      track_file tf0
                    }
                  }
                  real_server %2$s 84 {
                    weight 4
                    inhibit_on_failure
                    FILE_CHECK {
                      track_file tf1
                    }
                  }
                }
                """.formatted(work, RS, script));
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private void state(String name, String code) throws IOException {
        Files.writeString(script.resolveSibling(name + ".state"), code + "\n");
    }

    private IntSupplier runs(String name) {
        return () -> {
            try {
                Path f = script.resolveSibling(name + ".count");
                return Files.exists(f) ? (int) Files.readAllLines(f).size() : 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private Cycle cycle(int port, int retry, IntSupplier attempts, boolean inhibit) {
        return new Cycle(lab, "[" + RS + "]:tcp:" + port, VS, RS + ":" + port, SERVICE, retry, attempts, inhibit);
    }

    private static String misc(int port) {
        return "Misc check for [[" + RS + "]:tcp:" + port + " VS " + VS + "] by [";
    }

    @Test
    @Order(1)
    void miscExitCodes() throws Exception {
        Cycle c = cycle(80, 2, runs("plain"), false);
        c.kept(started, 2);
        assertThat(lab.since(started)).contains(misc(80) + script + "] succeeded.");
        String down = c.evicted(() -> state("plain", "1"));
        assertThat(c.linesAbout(down)).startsWith(
                misc(80) + script + "] failed after 2 retries (exited with status 1).",
                "Removing service [198.51.100.30]:tcp:80 from VS [198.51.100.1]:tcp:80");
        String up = c.restored(() -> state("plain", "0"));
        assertThat(c.linesAbout(up)).startsWith(misc(80) + script + "] succeeded.",
                "Adding service [198.51.100.30]:tcp:80 to VS [198.51.100.1]:tcp:80");
    }

    @Test
    @Order(2)
    void miscDynamicWeights() throws Exception {
        Cycle c = cycle(81, 1, runs("dyn"), false);
        c.kept(started, 2);
        int m = lab.mark();
        state("dyn", "7"); // misc_dynamic: weight = 7 - 2
        assertThat(lab.await(m, "Dry run: edit destination 198.51.100.30:81 Masq weight 5 of service " + SERVICE,
                Cycle.WAIT_MS)).as("weight 5\n%s", lab.since(m)).isTrue();
        assertThat(lab.lines(m, "Changing weight")).containsExactly(
                "Changing weight from 1 to 5 for active service [198.51.100.30]:tcp:81 of VS [198.51.100.1]:tcp:80");
        c.stillKept(m, 1);
        String down = c.evicted(() -> state("dyn", "1"));
        assertThat(c.linesAbout(down)).startsWith(
                misc(81) + script + "] failed after 1 retry (exited with status 1).",
                "Removing service [198.51.100.30]:tcp:81 from VS [198.51.100.1]:tcp:80");
        c.restored(() -> state("dyn", "0"));
        // exit 0 under misc_dynamic puts the configured weight back
        assertThat(lab.await(m, "Dry run: add destination 198.51.100.30:81 Masq weight 1 ", 5_000))
                .as("back with weight 1\n%s", lab.since(m)).isTrue();
    }

    @Test
    @Order(3)
    void miscTimeout() throws Exception {
        Cycle c = cycle(82, 1, runs("slow"), false);
        c.kept(started, 2);
        String down = c.evicted(() -> state("slow", "hang"));
        assertThat(c.linesAbout(down)).startsWith(
                misc(82) + script + "] timed out after 1 retry.",
                "Removing service [198.51.100.30]:tcp:82 from VS [198.51.100.1]:tcp:80");
        c.restored(() -> state("slow", "0"));
    }

    @Test
    @Order(4)
    void fileCheckFault() throws Exception {
        Cycle c = cycle(83, 0, null, false);
        c.kept(started, 0);
        // weight 0: a non-zero value is a fault, with no retries (keepalived acts on the inotify event)
        String down = c.evicted(() -> Files.writeString(script.resolveSibling("tf0"), "1\n"));
        assertThat(c.linesAbout(down)).contains("Removing service [198.51.100.30]:tcp:83 from VS [198.51.100.1]:tcp:80");
        c.restored(() -> Files.writeString(script.resolveSibling("tf0"), "0\n"));
    }

    @Test
    @Order(5)
    void fileCheckWeightsAndInhibit() throws Exception {
        Cycle c = cycle(84, 0, null, true);
        c.kept(started, 0);
        int m = lab.mark();
        Files.writeString(script.resolveSibling("tf1"), "3\n"); // 4 + 3 * 2
        assertThat(lab.await(m, "Dry run: edit destination 198.51.100.30:84 Masq weight 10 of service " + SERVICE,
                Cycle.WAIT_MS)).as("weight 10\n%s", lab.since(m)).isTrue();
        assertThat(lab.lines(m, "Changing weight")).containsExactly(
                "Changing weight from 4 to 10 for active service [198.51.100.30]:tcp:84 of VS [198.51.100.1]:tcp:80");
        // -2000000000 * 2 is at or below keepalived's IPVS_WEIGHT_FAULT (INT_MIN): down, with inhibit_on_failure weight 0
        c.evicted(() -> Files.writeString(script.resolveSibling("tf1"), "-2000000000\n"));
        int r = lab.mark();
        c.restored(() -> Files.writeString(script.resolveSibling("tf1"), "0\n"));
        assertThat(lab.lines(r, "Dry run: edit destination 198.51.100.30:84 ")).last().asString().contains(" weight 4 ");
    }
}
