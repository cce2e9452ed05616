package io.jkeepalived.e2e.ipvs;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.LiveSystemInfo;
import io.jkeepalived.ipvs.ForwardingMethod;
import io.jkeepalived.ipvs.IpvsClient;
import io.jkeepalived.ipvs.IpvsDestination;
import io.jkeepalived.ipvs.IpvsProtocol;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;
import io.jkeepalived.ipvs.reconcile.IpvsApplier;
import io.jkeepalived.ipvs.reconcile.IpvsChange;
import io.jkeepalived.ipvs.reconcile.IpvsDiff;
import io.jkeepalived.ipvs.reconcile.IpvsTable;
import io.jkeepalived.ipvs.reconcile.IpvsadmFormat;
import io.jkeepalived.ipvs.reconcile.LvsPlanner;
import io.jkeepalived.ipvs.reconcile.LvsReconciler;
import io.jkeepalived.ipvs.reconcile.VirtualServerPlan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs inside the kernel-lab guest for {@link IpvsReconcileKernelLabTest}, in one of two modes:
 * <ul>
 *   <li>{@code reconcile} (in the director's namespace): the reconciler and the applier on the real kernel, driven
 *       by made-up verdicts through start, a real server down, up, a configuration change and stop, next to a
 *       service that is not the configuration's. Each phase prints the changes sent, the table the reconciler
 *       wants (as ipvsadm prints it), the client's own listing, ipvsadm -Ln and /proc/net/ip_vs.</li>
 *   <li>{@code diff} (in the real servers' namespace, where it listens as the real servers): runs each daemon
 *       command given (keepalived 2.2.7, then jkeepalived, each with -C) in the director's namespace on the same
 *       configuration, and prints ipvsadm -Ln after start, after a real server's listeners close, after they
 *       open again and after the daemon's stop.</li>
 * </ul>
 */
public final class ReconcileGuestDriver extends GuestDriver {
    static final String DIRECTOR_NS = "jk-rc-dir";

    /** Phase-A configuration: two address services (one with a sorry server) and a fwmark service. */
    static final String CONFIG = """
            virtual_server 198.51.100.10 80 {
                lvs_sched rr
                lvs_method NAT
                protocol TCP
                real_server 203.0.113.2 8080 {
                    weight 2
                    uthreshold 100
                    lthreshold 10
                }
                real_server 203.0.113.3 8080 {
                }
            }
            virtual_server 198.51.100.10 443 {
                lvs_sched wlc
                lvs_method DR
                protocol TCP
                persistence_timeout 300
                persistence_granularity 255.255.255.0
                quorum 2
                sorry_server 203.0.113.9 443
                real_server 203.0.113.2 443 {
                    inhibit_on_failure
                }
                real_server 203.0.113.3 443 {
                }
            }
            virtual_server fwmark 7 {
                lvs_sched sh
                sh-port
                lvs_method TUN type gre csum
                real_server 203.0.113.2 {
                }
                real_server 203.0.113.3 {
                }
            }
            """;

    /** The changed configuration: port 80 loses 203.0.113.3 and gains .4 with wlc; fwmark 7 goes; UDP 53 comes. */
    static final String CONFIG2 = """
            virtual_server 198.51.100.10 80 {
                lvs_sched wlc
                lvs_method NAT
                protocol TCP
                real_server 203.0.113.2 8080 {
                    weight 2
                    uthreshold 100
                    lthreshold 10
                }
                real_server 203.0.113.4 8080 {
                    weight 5
                }
            }
            virtual_server 198.51.100.10 443 {
                lvs_sched wlc
                lvs_method DR
                protocol TCP
                persistence_timeout 300
                persistence_granularity 255.255.255.0
                quorum 2
                sorry_server 203.0.113.9 443
                real_server 203.0.113.2 443 {
                    inhibit_on_failure
                }
                real_server 203.0.113.3 443 {
                }
            }
            virtual_server 198.51.100.10 53 {
                lvs_sched rr
                ops
                protocol UDP
                real_server 203.0.113.5 53 {
                }
            }
            """;

    /** The body of the digest page while it is healthy, and its MD5 (keepalived's {@code digest}). */
    static final String PAGE = "<html><body>jkeepalived differential</body></html>\n";

    /**
     * The differential's configuration: real TCP checks against the listeners of this driver; HTTP_GET against its
     * HTTP servers (a status_code list on one url, a digest on another); MISC_CHECK with misc_dynamic running
     * {@code misc.sh N}, which exits with the code written in {@code misc-N} (the driver writes it).
     */
    static final String DIFF_CONFIG = """
            virtual_server 198.51.100.10 80 {
                delay_loop 2
                lvs_sched rr
                lvs_method NAT
                protocol TCP
                real_server 203.0.113.2 80 {
                    weight 2
                    TCP_CHECK {
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
                real_server 203.0.113.3 80 {
                    TCP_CHECK {
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
            }
            virtual_server 198.51.100.10 443 {
                delay_loop 2
                lvs_sched wlc
                lvs_method DR
                protocol TCP
                persistence_timeout 300
                quorum 2
                sorry_server 203.0.113.9 443
                real_server 203.0.113.2 443 {
                    inhibit_on_failure
                    TCP_CHECK {
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
                real_server 203.0.113.3 443 {
                    TCP_CHECK {
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
            }
            virtual_server_group web {
                198.51.100.20-21 8080
                fwmark 9
            }
            virtual_server group web {
                delay_loop 2
                lvs_sched rr
                lvs_method DR
                protocol TCP
                alpha
                persistence_timeout 60
                persistence_granularity 255.255.255.0
                sorry_server 203.0.113.9 8080
                sorry_server_inhibit
                real_server 203.0.113.2 8080 {
                    TCP_CHECK {
                        connect_port 80
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
                real_server 203.0.113.3 8080 {
                    TCP_CHECK {
                        connect_port 80
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
            }
            virtual_server fwmark 7 {
                delay_loop 2
                lvs_sched sh
                sh-port
                lvs_method DR
                real_server 203.0.113.2 {
                    TCP_CHECK {
                        connect_port 80
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
                real_server 203.0.113.3 {
                    TCP_CHECK {
                        connect_port 80
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
            }
            virtual_server 198.51.100.10 8081 {
                delay_loop 2
                lvs_sched wrr
                lvs_method NAT
                protocol TCP
                real_server 203.0.113.2 8081 {
                    weight 3
                    HTTP_GET {
                        url {
                            path /health
                            status_code 200 204
                        }
                        url {
                            path /page
                            digest %1$s
                        }
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
                real_server 203.0.113.3 8081 {
                    HTTP_GET {
                        url {
                            path /health
                            status_code 200-204
                        }
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
                real_server 203.0.113.4 8081 {
                    weight 2
                    inhibit_on_failure
                    HTTP_GET {
                        url {
                            path /page
                            digest %1$s
                        }
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
            }
            virtual_server 198.51.100.10 9000 {
                delay_loop 2
                lvs_sched wrr
                lvs_method NAT
                protocol TCP
                real_server 203.0.113.2 9000 {
                    weight 1
                    MISC_CHECK {
                        misc_path "%2$s/misc.sh 2"
                        misc_timeout 5
                        misc_dynamic
                        retry 1
                        delay_before_retry 1
                    }
                }
                real_server 203.0.113.3 9000 {
                    weight 4
                    MISC_CHECK {
                        misc_path "%2$s/misc.sh 3"
                        misc_timeout 5
                        misc_dynamic
                        retry 1
                        delay_before_retry 1
                    }
                }
            }
            """;

    private ReconcileGuestDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("reconcile")) {
            reconcile();
        } else {
            differential(args[1], List.of(args).subList(2, args.length));
        }
        System.out.println("=== end");
        System.out.flush();
        // the HTTP real servers' dispatcher threads are not daemon threads: without this the JVM, and so the guest,
        // would wait for them until the kernel lab's timeout
        System.exit(0);
    }

    // ---------------------------------------------------------------------------------------------- reconcile

    private static void reconcile() throws Exception {
        try (IpvsClient client = IpvsClient.open()) {
            client.flush();
            // a service the configuration does not own: never touched
            IpvsServiceKey foreign = IpvsServiceKey.of(IpvsProtocol.TCP, InetAddress.getByName("198.51.100.99"), 80);
            client.addService(IpvsService.of(foreign, "rr"));
            client.addDestination(foreign, IpvsDestination.of(InetAddress.getByName("203.0.113.50"), 80, ForwardingMethod.MASQ));

            IpvsApplier applier = new IpvsApplier(client, e -> System.out.println("error " + e));
            LvsReconciler r = LvsReconciler.start(plan(CONFIG));
            IpvsTable known = applier.read(r.keys());
            known = sync(client, applier, r, known, "start");

            // 203.0.113.3 fails everywhere: removed; on 443 quorum 2 is lost: the sorry server in, .2 at weight 0
            down(r, "203.0.113.3", false);
            known = sync(client, applier, r, known, "down");
            down(r, "203.0.113.3", true);
            known = sync(client, applier, r, known, "up");

            r.reconfigure(plan(CONFIG2));
            known = sync(client, applier, r, known, "reconfigured");

            // someone edits our service behind our back: the next pass puts it right, and only that
            client.editDestination(IpvsServiceKey.of(IpvsProtocol.TCP, InetAddress.getByName("198.51.100.10"), 80),
                    IpvsDestination.of(InetAddress.getByName("203.0.113.4"), 8080, ForwardingMethod.MASQ).withWeight(9));
            known = applier.read(r.keys());
            known = sync(client, applier, r, known, "repaired");

            r.stop();
            sync(client, applier, r, known, "stopped");
        }
    }

    private static List<VirtualServerPlan> plan(String config) throws IOException {
        Path f = Files.createTempFile("jk-rc", ".conf");
        try {
            Files.writeString(f, config);
            KeepalivedConfig c = ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, false, new LiveSystemInfo(), null)).config();
            return LvsPlanner.plan(c.check(), p -> System.out.println("plan problem " + p));
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static void down(LvsReconciler r, String address, boolean up) {
        List<VirtualServerPlan> plans = r.plans();
        for (int i = 0; i < plans.size(); i++) {
            for (int j = 0; j < plans.get(i).realServers().size(); j++) {
                var rs = plans.get(i).realServers().get(j);
                if (rs.address().getHostAddress().equals(address)) {
                    r.verdict(i, j, up, rs.weight());
                }
            }
        }
    }

    private static IpvsTable sync(IpvsClient client, IpvsApplier applier, LvsReconciler r, IpvsTable known, String phase)
            throws Exception {
        IpvsTable desired = r.desired();
        Set<IpvsServiceKey> owned = new LinkedHashSet<>(desired.keys());
        owned.addAll(known.keys());
        owned.addAll(r.keys());
        List<IpvsChange> changes = IpvsDiff.diff(known, desired, owned);
        IpvsTable after = applier.apply(known, changes);
        System.out.println("=== " + phase);
        System.out.println("--- notices");
        r.drainNotices().forEach(n -> System.out.println(n.logLine()));
        System.out.println("--- changes");
        changes.forEach(System.out::println);
        System.out.println("--- desired");
        System.out.print(render(desired));
        System.out.println("--- client");
        System.out.print(IpvsadmFormat.list(client, IpvsadmFormat.View.CONNECTIONS));
        System.out.println("--- ipvsadm -Ln");
        shell("ipvsadm -Ln");
        System.out.println("--- /proc/net/ip_vs");
        shell("cat /proc/net/ip_vs");
        System.out.println("--- end " + phase);
        return after;
    }

    private static String render(IpvsTable t) {
        List<IpvsService> services = new ArrayList<>();
        Map<IpvsServiceKey, List<IpvsDestination>> dests = new HashMap<>();
        t.services().forEach((k, e) -> {
            services.add(e.service());
            dests.put(k, List.copyOf(e.destinations().values()));
        });
        return IpvsadmFormat.format(null, services, dests, IpvsadmFormat.View.CONNECTIONS);
    }

    // ------------------------------------------------------------------------------------------- differential

    private static void differential(String workDir, List<String> daemons) throws Exception {
        Path dir = Path.of(workDir);
        Files.createDirectories(dir);
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, DIFF_CONFIG.formatted(md5(PAGE), dir));
        Path misc = dir.resolve("misc.sh");
        Files.writeString(misc, "#!/bin/sh\nexit $(cat " + dir + "/misc-$1)\n");
        Files.setPosixFilePermissions(misc, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        listen("203.0.113.2", 80, 443);
        listen("203.0.113.3", 80, 443);
        for (String a : List.of("203.0.113.2", "203.0.113.3", "203.0.113.4")) {
            HttpRealServer.start(a, 8081);
        }
        for (String daemon : daemons) {
            // healthy everywhere; misc_dynamic: exit 5 = weight 3 for .2, exit 0 = up at its weight for .3
            HttpRealServer.healthy(true);
            miscExit(dir, 2, 5);
            miscExit(dir, 3, 0);
            String name = daemon.contains("io.jkeepalived") ? "jkeepalived" : "keepalived";
            inDirector("ipvsadm -C");
            Path log = dir.resolve(name + ".log");
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", DIRECTOR_NS, "sh", "-c",
                    daemonCommand(daemon, "-C -n -l", conf, dir, name)));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                // start: every real server in (.3 on port 80 present)
                // the start's window also covers the daemon's start (a JVM under emulation: minutes on a busy host)
                phase(name, "start", 300, t -> t.contains("203.0.113.3:80 ") && t.contains("203.0.113.2:443")
                        && t.contains("203.0.113.3:8080") && dest(t, "203.0.113.3:8081", 1) && dest(t, "203.0.113.4:8081", 2)
                        && dest(t, "203.0.113.2:9000", 3) && dest(t, "203.0.113.3:9000", 4));
                // .3 fails: its listeners close, /health answers 503, its script exits 1; the page's body changes
                // (.2 fails its digest url, .4 is inhibited); .2's script asks for weight 5
                close("203.0.113.3");
                HttpRealServer.healthy(false);
                miscExit(dir, 2, 7);
                miscExit(dir, 3, 1);
                phase(name, "down", t -> !t.contains("203.0.113.3:80 ") && t.contains("203.0.113.9:443")
                        && !t.contains("203.0.113.3:8080") && !t.contains("203.0.113.3:8081") && !t.contains("203.0.113.2:8081")
                        && dest(t, "203.0.113.4:8081", 0) && dest(t, "203.0.113.2:9000", 5) && !t.contains("203.0.113.3:9000"));
                listen("203.0.113.3", 80, 443);
                HttpRealServer.healthy(true);
                miscExit(dir, 2, 2);
                miscExit(dir, 3, 0);
                phase(name, "up", t -> t.contains("203.0.113.3:80 ") && !t.contains("203.0.113.9:443")
                        && t.contains("203.0.113.3:8080") && dest(t, "203.0.113.2:8081", 3) && dest(t, "203.0.113.3:8081", 1)
                        && dest(t, "203.0.113.4:8081", 2) && dest(t, "203.0.113.2:9000", 0) && dest(t, "203.0.113.3:9000", 4));
                p.destroy();   // SIGTERM: a clean stop
                boolean ended = p.waitFor(60, TimeUnit.SECONDS);
                System.out.println(name + " ended " + ended + (ended ? " exit " + p.exitValue() : ""));
                phase(name, "stop", t -> !t.contains("TCP ") && !t.contains("FWM "));
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
                printLog(name, log);
            }
        }
    }

    /** Whether ipvsadm -Ln's table {@code t} has destination {@code addressPort} at {@code weight}. */
    static boolean dest(String t, String addressPort, int weight) {
        return java.util.regex.Pattern.compile("-> " + java.util.regex.Pattern.quote(addressPort) + "\\s+\\S+\\s+" + weight + "\\s")
                .matcher(t).find();
    }

    private static void miscExit(Path dir, int server, int code) throws IOException {
        Path f = dir.resolve("misc-" + server);
        Path tmp = dir.resolve("misc-" + server + ".new");
        Files.writeString(tmp, code + "\n");
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String md5(String body) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The HTTP real servers: {@code /health} answers 200 (503 while unhealthy, only on 203.0.113.3), {@code /page}
     * serves {@link #PAGE} (another body while unhealthy, so its digest no longer matches).
     */
    private static final class HttpRealServer {
        private static volatile boolean healthy = true;

        static void healthy(boolean h) {
            healthy = h;
        }

        static void start(String address, int port) throws IOException {
            com.sun.net.httpserver.HttpServer s = com.sun.net.httpserver.HttpServer.create(
                    new InetSocketAddress(InetAddress.getByName(address), port), 50);
            s.createContext("/", x -> {
                String path = x.getRequestURI().getPath();
                int status = 404;
                String body = "not found\n";
                if (path.equals("/health")) {
                    status = healthy || !address.equals("203.0.113.3") ? 200 : 503;
                    body = status == 200 ? "ok\n" : "unavailable\n";
                } else if (path.equals("/page")) {
                    status = 200;
                    body = healthy ? PAGE : "<html><body>changed</body></html>\n";
                }
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().set("Content-Type", "text/html");
                x.sendResponseHeaders(status, b.length);
                try (var out = x.getResponseBody()) {
                    out.write(b);
                }
            });
            s.start();
        }
    }

    /**
     * Waits (bounded, 120 s) for the director's table to meet {@code reached} and then to stay the same for 3 s (the
     * daemon has nothing left to do), and prints it.
     */
    private static void phase(String daemon, String phase, Predicate<String> reached) throws Exception {
        phase(daemon, phase, 120, reached);
    }

    private static void phase(String daemon, String phase, int seconds, Predicate<String> reached) throws Exception {
        Settled table = settle(() -> inDirector("ipvsadm -Ln"), reached, seconds, 1000);
        printPhase(daemon, phase, table.reached());
        System.out.print(table.state());
        System.out.println("--- end " + daemon + " " + phase);
    }

    private static String inDirector(String command) throws Exception {
        return capture("ip netns exec " + DIRECTOR_NS + " " + command);
    }
}
