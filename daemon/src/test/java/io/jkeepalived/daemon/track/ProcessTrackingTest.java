package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.conf.model.vrrp.TrackProcess;
import io.jkeepalived.vrrp.fsm.VrrpEvent.TrackerChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessTrackingTest {
    @TempDir
    Path dir;

    static TrackProcess process(String name, List<String> params, String match, boolean full) {
        return new TrackProcess("p", name, params, match, 0, false, 1, 4294967295L, 0, 0, full, null);
    }

    static byte[] cmdline(String... argv) {
        return (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void matchesCommOrFullCommandAndParameters() {
        ProcessMatch byComm = new ProcessMatch(process("nginx", List.of(), "none", false));
        assertThat(byComm.needsCommandLine()).isFalse();
        assertThat(byComm.matches("nginx", null)).isTrue();
        assertThat(byComm.matches("nginx2", null)).isFalse();

        ProcessMatch longName = new ProcessMatch(process("a-very-long-process-name", List.of(), "none", false));
        assertThat(longName.matches("a-very-long-pro", null)).isTrue(); // the kernel keeps 15 bytes of comm

        ProcessMatch exact = new ProcessMatch(process("/usr/sbin/nginx", List.of("-g", "daemon off;"), "exact", true));
        assertThat(exact.matches("nginx", cmdline("/usr/sbin/nginx", "-g", "daemon off;"))).isTrue();
        assertThat(exact.matches("nginx", cmdline("/usr/sbin/nginx", "-g", "daemon off;", "-x"))).isFalse();
        assertThat(exact.matches("nginx", cmdline("/usr/sbin/nginx", "-g"))).isFalse();
        assertThat(exact.matches("nginx", cmdline("nginx", "-g", "daemon off;"))).isFalse();

        ProcessMatch partial = new ProcessMatch(process("/bin/app", List.of("-a"), "partial", true));
        assertThat(partial.matches("app", cmdline("/bin/app", "-a", "-b"))).isTrue();
        assertThat(partial.matches("app", cmdline("/bin/app", "-ab"))).isFalse();

        ProcessMatch initial = new ProcessMatch(process("/bin/app", List.of("--conf"), "initial", true));
        assertThat(initial.matches("app", cmdline("/bin/app", "--config=x"))).isTrue();
        assertThat(initial.matches("app", cmdline("/bin/app", "-c"))).isFalse();

        ProcessMatch noParams = new ProcessMatch(process("/bin/app", List.of(), "exact", true));
        assertThat(noParams.matches("app", cmdline("/bin/app"))).isTrue();
        assertThat(noParams.matches("app", cmdline("/bin/app", "x"))).isFalse();
    }

    @Test
    void quorumWithoutDelaysFollowsTheCount() {
        ProcessQuorum q = new ProcessQuorum(2, 3, 0, 0, 0);
        assertThat(q.have()).isFalse();
        assertThat(q.update(0, 2)).isTrue();
        assertThat(q.have()).isTrue();
        assertThat(q.update(1, 3)).isFalse();
        assertThat(q.update(2, 4)).isTrue(); // above quorum_max
        assertThat(q.have()).isFalse();
    }

    @Test
    void forkAndTerminateDelaysHoldChangesAndRevertsCancelThem() {
        ProcessQuorum q = new ProcessQuorum(1, 10, 1_000, 2_000, 1); // fork 1 ms, terminate 2 ms
        assertThat(q.have()).isTrue();
        assertThat(q.update(0, 0)).isFalse(); // lost: wait terminate_delay
        assertThat(q.pendingAt()).hasValue(2_000_000);
        assertThat(q.update(1_000_000, 1)).isFalse(); // back before the delay: cancelled
        assertThat(q.pendingAt()).isEmpty();
        assertThat(q.have()).isTrue();
        q.update(3_000_000, 0);
        assertThat(q.update(4_999_999, 0)).isFalse();
        assertThat(q.update(5_000_000, 0)).isTrue();
        assertThat(q.have()).isFalse();
        assertThat(q.update(6_000_000, 1)).isFalse(); // gained: wait fork_delay
        assertThat(q.update(7_000_000, 1)).isTrue();
        assertThat(q.have()).isTrue();
    }

    @Test
    void trackerReportsQuorumChangesWithKeepalivedsLinesAndWeights() throws Exception {
        VrrpConfig c = TrackTestConfigs.load(dir, """
                vrrp_track_process web {
                    process nginx
                    weight 20
                    quorum 2
                }
                vrrp_track_process db {
                    process postgres
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        198.51.100.100/24
                    }
                    track_process {
                        web
                        db
                    }
                }
                """);
        List<ProcessTracker.Proc> procs = new ArrayList<>(List.of(new ProcessTracker.Proc("nginx", null),
                new ProcessTracker.Proc("postgres", null)));
        List<String> seen = new ArrayList<>();
        TrackerSink sink = new TrackerSink() {
            @Override
            public void changed(String instance, TrackerChanged ch) {
                seen.add(instance + " " + ch.tracker() + " " + ch.weight() + (ch.fault() ? " FAULT" : ""));
            }

            @Override
            public void log(String line) {
                seen.add(line);
            }
        };
        ProcessTracker t = new ProcessTracker(c, sink, full -> List.copyOf(procs), () -> 0L);
        t.initial(sink);
        assertThat(seen).containsExactly("VI_1 process web 0", "VI_1 process db 0");
        seen.clear();
        procs.add(new ProcessTracker.Proc("nginx", null));
        procs.remove(1);
        t.scanOnce();
        assertThat(seen).containsExactly("Quorum gained for tracked process web", "VI_1 process web 20",
                "Quorum lost for tracked process db", "VI_1 process db 0 FAULT");
    }

    @Test
    void aFaultAtStartIsLogged() throws Exception {
        VrrpConfig c = TrackTestConfigs.load(dir, """
                vrrp_track_process db {
                    process postgres
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        198.51.100.100/24
                    }
                    track_process {
                        db
                    }
                }
                """);
        List<String> seen = new ArrayList<>();
        ProcessTracker t = new ProcessTracker(c, (i, ch) -> { }, full -> List.of(), () -> 0L);
        t.initial(new TrackerSink() {
            @Override
            public void changed(String instance, TrackerChanged ch) {
            }

            @Override
            public void log(String line) {
                seen.add(line);
            }
        });
        assertThat(seen).containsExactly("(VI_1) entering FAULT state (tracked process db quorum not achieved)");
    }

    @Test
    void scansThisMachinesProc() {
        // the test's own JVM is running: its comm is "java" (or the launcher's thread name)
        List<ProcessTracker.Proc> all = ProcessTracker.scanProc(true);
        assertThat(all).isNotEmpty();
        assertThat(all).allSatisfy(p -> assertThat(p.cmdline()).isNotNull());
    }

    @Test
    void countsARealProcessByItsCommandLine() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/bin/sleep")),
                "needs /bin/sleep");
        String marker = "4321." + ProcessHandle.current().pid();
        VrrpConfig c = TrackTestConfigs.load(dir, """
                vrrp_track_process sleeper {
                    process /bin/sleep %s
                    weight 0
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        198.51.100.100/24
                    }
                    track_process {
                        sleeper
                    }
                }
                """.formatted(marker));
        List<String> seen = new ArrayList<>();
        TrackerSink sink = new TrackerSink() {
            @Override
            public void changed(String instance, TrackerChanged ch) {
                seen.add(instance + " " + ch.tracker() + (ch.fault() ? " FAULT" : " ok"));
            }

            @Override
            public void log(String line) {
                seen.add(line);
            }
        };
        ProcessTracker t = new ProcessTracker(c, sink, ProcessTracker::scanProc, () -> 0L);
        t.initial(sink);
        assertThat(seen).containsExactly(
                "(VI_1) entering FAULT state (tracked process sleeper quorum not achieved)",
                "VI_1 process sleeper FAULT");
        seen.clear();
        Process p = new ProcessBuilder("/bin/sleep", marker).start();
        try {
            t.scanOnce();
            assertThat(seen).containsExactly("Quorum gained for tracked process sleeper", "VI_1 process sleeper ok");
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        seen.clear();
        t.scanOnce();
        assertThat(seen).containsExactly("Quorum lost for tracked process sleeper", "VI_1 process sleeper FAULT");
    }
}
