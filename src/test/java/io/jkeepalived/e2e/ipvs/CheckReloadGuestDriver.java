package io.jkeepalived.e2e.ipvs;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.LiveSystemInfo;
import io.jkeepalived.daemon.check.HealthcheckService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs inside the kernel-lab guest for {@link CheckReloadKernelLabTest}, in the director's namespace, with real
 * servers (Python listeners) in a second namespace and a client in a third. Two modes, each printing the same
 * phases ({@code start}, {@code reloadB}, {@code reloadA}, {@code stop}: ipvsadm -Ln, the service counters of
 * {@code --stats} and the connection table):
 * <ul>
 *   <li>{@code jk}: the checker side of jkeepalived in this JVM, {@link HealthcheckService} with the real checker
 *       engine and IPVS client: start(A), reload(B), reload(A), stop;</li>
 *   <li>{@code ka}: keepalived 2.2.7 {@code -C} on the same files: config A, then B and A again through
 *       {@code kill -HUP}, then SIGTERM.</li>
 * </ul>
 * After start the client opens connections to the two services that stay (one untouched and persistent, one whose
 * scheduler B changes), so the counters and the persistence template show whether a reload re-created them.
 */
public final class CheckReloadGuestDriver extends GuestDriver {
    static final String DIRECTOR_NS = "jk-rc-hdir";
    static final String CLIENT_NS = "jk-rc-hcli";
    static final String CLIENT = "/tmp/jk-rc-client.py";

    /** Services that stay: :80 untouched (persistent), :81 edited by B; :82 goes in B, :83 comes with B. */
    static final String A = """
            virtual_server 198.51.100.10 80 {
                delay_loop 1
                lb_algo rr
                lb_kind NAT
                persistence_timeout 600
                protocol TCP
                real_server 203.0.113.2 8080 {
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
                real_server 203.0.113.3 8080 {
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
            }
            virtual_server 198.51.100.10 81 {
                delay_loop 1
                lb_algo rr
                lb_kind NAT
                protocol TCP
                real_server 203.0.113.2 8080 {
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
                real_server 203.0.113.3 8081 {
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
            }
            virtual_server 198.51.100.10 82 {
                delay_loop 1
                lb_algo rr
                lb_kind NAT
                protocol TCP
                real_server 203.0.113.2 8080 {
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
            }
            """;

    static final String B = """
            virtual_server 198.51.100.10 80 {
                delay_loop 1
                lb_algo rr
                lb_kind NAT
                persistence_timeout 600
                protocol TCP
                real_server 203.0.113.2 8080 {
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
                real_server 203.0.113.3 8080 {
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
            }
            virtual_server 198.51.100.10 81 {
                delay_loop 1
                lb_algo wlc
                lb_kind NAT
                protocol TCP
                real_server 203.0.113.2 8080 {
                    weight 3
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
                real_server 203.0.113.3 8081 {
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
                real_server 203.0.113.3 8080 {
                    alpha
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
            }
            virtual_server 198.51.100.10 83 {
                delay_loop 1
                lb_algo sh
                lb_kind NAT
                protocol TCP
                real_server 203.0.113.3 8080 {
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
            }
            """;

    /** What each phase settles on (the down .3:8081 out, the alpha .3:8080 in once checked). */
    static final Predicate<String> START = t -> t.contains(":82") && t.contains("203.0.113.3:8080") && !t.contains("203.0.113.3:8081");
    static final Predicate<String> RELOAD_B = t -> t.contains(":83") && !t.contains(":82") && t.contains("wlc")
            && count(t, "203.0.113.3:8080") == 3 && !t.contains("203.0.113.3:8081");
    static final Predicate<String> RELOAD_A = t -> t.contains(":82") && !t.contains(":83") && !t.contains("wlc")
            && count(t, "203.0.113.3:8080") == 1;
    static final Predicate<String> STOPPED = t -> !t.contains("TCP ");

    private CheckReloadGuestDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        Path conf = dir.resolve("keepalived.conf");
        switch (args[0]) {
            case "jk" -> jk(conf);
            case "ka" -> ka(conf, args[2]);
            default -> throw new IllegalArgumentException("mode jk or ka");
        }
        System.out.println("=== end " + args[0]);
    }

    private static KeepalivedConfig load(Path conf, String text) throws Exception {
        Files.writeString(conf, text);
        KeepalivedConfig c = ConfigLoader.load(new ConfigLoader.Options(conf.toString(), null, false, new LiveSystemInfo(), null)).config();
        if (c == null) {
            throw new IllegalStateException("not loaded: " + conf);
        }
        return c;
    }

    private static void jk(Path conf) throws Exception {
        shell("ipvsadm -C");
        HealthcheckService s = HealthcheckService.create(load(conf, A), false);
        s.start(System::nanoTime);
        try {
            phase("jk", "start", START);
            traffic();
            phase("jk", "traffic", START);
            KeepalivedConfig b = load(conf, B);
            System.out.println("--- jk plan");
            HealthcheckService.reloadPlan(load(conf, A), b).forEach(System.out::println);
            s.reload(b);
            phase("jk", "reloadB", RELOAD_B);
            s.reload(load(conf, A));
            phase("jk", "reloadA", RELOAD_A);
        } finally {
            s.stop();
        }
        phase("jk", "stop", STOPPED);
    }

    private static void ka(Path conf, String keepalived) throws Exception {
        shell("ipvsadm -C");
        Files.writeString(conf, A);
        Path dir = conf.getParent();
        Path log = dir.resolve("keepalived.log");
        List<String> cmd = List.of("sh", "-c", daemonCommand(keepalived, "-C -n -l -D", conf, dir, "ka"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            phase("ka", "start", START);
            traffic();
            phase("ka", "traffic", START);
            Files.writeString(conf, B);
            shell("kill -HUP " + p.pid());
            phase("ka", "reloadB", RELOAD_B);
            Files.writeString(conf, A);
            shell("kill -HUP " + p.pid());
            phase("ka", "reloadA", RELOAD_A);
            p.destroy();
            System.out.println("ka ended " + p.waitFor(60, TimeUnit.SECONDS));
            phase("ka", "stop", STOPPED);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            printLog("ka", log);
        }
    }

    /** Five connections each to :80 (persistent: one real server, a template) and :81, from the client namespace. */
    private static void traffic() throws Exception {
        shell("ip netns exec " + CLIENT_NS + " python3 " + CLIENT + " 80 5");
        shell("ip netns exec " + CLIENT_NS + " python3 " + CLIENT + " 81 5");
    }

    /**
     * Waits (bounded, 90 s) for the table to meet {@code reached} and then stay the same for 3 s, and prints the
     * table, the counters and the connection table.
     */
    private static void phase(String daemon, String phase, Predicate<String> reached) throws Exception {
        Settled table = settle(() -> capture("ipvsadm -Ln"), reached, 90, 1000);
        printPhase(daemon, phase, table.reached());
        System.out.println("--- ipvsadm -Ln");
        System.out.print(table.state());
        System.out.println("--- stats");
        System.out.print(capture("ipvsadm -Ln --stats"));
        System.out.println("--- conns");
        System.out.print(capture("ipvsadm -Lnc"));
        System.out.println("--- end " + daemon + " " + phase);
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
