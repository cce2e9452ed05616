package io.jkeepalived.e2e.ipvs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs inside the kernel-lab guest for {@link LvsGlobalsKernelLabTest}, in the director's namespace {@link #DIRECTOR}
 * (its listeners are the real servers, addresses on the director's loopback). For each daemon given (keepalived
 * 2.2.7, then jkeepalived; both run whole, VRRP and checkers) it runs the same configuration next to a VRRP peer
 * (keepalived -P in {@link #PEER}, priority 200) and prints, per phase, {@code ipvsadm -L --timeout},
 * {@code ipvsadm -L --daemon} and {@code ipvsadm -Ln}:
 * <ol>
 *   <li>backup: the peer is master, so our instance is BACKUP: the backup sync daemon runs, and the virtual server,
 *       whose address is the VIP, is suspended (ha_suspend);</li>
 *   <li>suspended: a real server's listener closes; its checker is suspended, so it stays in the table;</li>
 *   <li>master: the peer stops; our instance takes over, the master sync daemon replaces the backup one, the VIP
 *       appears, the checkers resume and the closed real server leaves the table;</li>
 *   <li>up: its listener opens again and it is back;</li>
 *   <li>backup again: the peer starts again and preempts: the backup sync daemon is back;</li>
 *   <li>stopped: our daemon stops: no sync daemon, the kernel's timeouts back, no service.</li>
 * </ol>
 */
public final class LvsGlobalsGuestDriver extends GuestDriver {
    static final String DIRECTOR = "jk-lvsops-a";
    static final String PEER = "jk-lvsops-b";
    static final String DIRECTOR_IF = "jk-lvsops-da";
    static final String PEER_IF = "jk-lvsops-db";

    static final String CONFIG = """
            global_defs {
                router_id director
                lvs_timeouts tcp 901 tcpfin 121 udp 301
                lvs_sync_daemon %s VI_1 id 7 maxlen 1400 port 8850 ttl 2 group 239.1.2.3
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface %s
                virtual_router_id 51
                priority 100
                advert_int 1
                virtual_ipaddress {
                    198.51.100.50/32
                }
            }
            virtual_server 198.51.100.50 80 {
                delay_loop 1
                lvs_sched rr
                lvs_method NAT
                protocol TCP
                ha_suspend
                real_server 203.0.113.21 80 {
                    TCP_CHECK {
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
                real_server 203.0.113.22 80 {
                    weight 2
                    TCP_CHECK {
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
            }
            """.formatted(DIRECTOR_IF, DIRECTOR_IF);

    static final String PEER_CONFIG = """
            global_defs {
                router_id peer
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface %s
                virtual_router_id 51
                priority 200
                advert_int 1
                virtual_ipaddress {
                    198.51.100.50/32
                }
            }
            """.formatted(PEER_IF);


    private LvsGlobalsGuestDriver() {
    }

    /** Arguments: a work directory, the keepalived binary, then each daemon command to compare. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, CONFIG);
        Path peerConf = dir.resolve("peer.conf");
        Files.writeString(peerConf, PEER_CONFIG);
        String keepalived = args[1];
        for (String daemon : List.of(args).subList(2, args.length)) {
            run(dir, conf, peerConf, keepalived, daemon);
        }
        System.out.println("=== end");
    }

    private static void run(Path dir, Path conf, Path peerConf, String keepalived, String daemon) throws Exception {
        String name = daemon.contains("io.jkeepalived") ? "jkeepalived" : "keepalived";
        capture("ipvsadm -C; ipvsadm --set 900 120 300; ipvsadm --stop-daemon master; ipvsadm --stop-daemon backup");
        listen("203.0.113.21", 80);
        listen("203.0.113.22", 80);
        Process peer = startPeer(dir, peerConf, keepalived, name + "-peer1");
        Process p = null;
        Path log = dir.resolve(name + ".log");
        try {
            await(name + " peer master", () -> capture("ip -n " + PEER + " -4 addr show dev " + PEER_IF),
                    t -> t.contains("198.51.100.50/32"));
            p = new ProcessBuilder("sh", "-c", daemonCommand(daemon, "-n -l", conf, dir, name))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // the first phase also waits for the daemon to start (a JVM under emulation: minutes when the host is busy)
            if (!phase(name, "backup", 300, t -> t.contains("backup sync daemon") && t.contains("901 121 301")
                    && t.contains("203.0.113.22:80"))) {
                return;   // not started: the rest would only wait; the log below says why
            }
            close("203.0.113.22");
            Thread.sleep(6000);   // longer than the checker takes to remove it (delay_loop 1, retry 1) when not suspended
            phase(name, "suspended", t -> t.contains("203.0.113.22:80"));
            stop(peer, name + " peer");
            phase(name, "master", t -> t.contains("master sync daemon") && !t.contains("203.0.113.22:80")
                    && t.contains("203.0.113.21:80"));
            listen("203.0.113.22", 80);
            phase(name, "up", t -> t.contains("master sync daemon") && t.contains("203.0.113.22:80"));
            peer = startPeer(dir, peerConf, keepalived, name + "-peer2");
            phase(name, "backup again", t -> t.contains("backup sync daemon") && !t.contains("master sync daemon"));
            System.out.println("--- " + name + " vip " + capture("ip -4 addr show dev " + DIRECTOR_IF).contains("198.51.100.50"));
            stop(p, name);
            phase(name, "stopped", t -> !t.contains("sync daemon") && t.contains("900 120 300") && !t.contains("TCP "));
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            stop(peer, name + " peer");
            closeAll();
            printLog(name, log);
        }
    }

    private static Process startPeer(Path dir, Path peerConf, String keepalived, String name) throws IOException {
        return new ProcessBuilder("ip", "netns", "exec", PEER, keepalived, "-P", "-n", "-l", "-f", peerConf.toString(),
                "-p", dir.resolve(name + ".pid").toString(), "-r", dir.resolve(name + "-vrrp.pid").toString(),
                "-c", dir.resolve(name + "-checkers.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private static void stop(Process p, String what) throws InterruptedException {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();   // SIGTERM: a clean stop
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        System.out.println("--- " + what + " ended " + ended);
    }

    /**
     * What the phases compare: the timeouts, the sync daemons and the table, read by one shell (every fork counts under
     * emulation, and the daemon under test shares the guest's one CPU with this poll).
     */
    private static String state() throws Exception {
        return capture("echo '--- timeout'; ipvsadm -L --timeout; echo '--- daemon'; ipvsadm -L --daemon; "
                + "echo '--- table'; ipvsadm -Ln");
    }

    /** Waits (bounded, 120 s unless told) for {@link #state} to meet {@code reached} and stay the same for three polls (2 s apart), and prints it. */
    private static void phase(String daemon, String phase, Predicate<String> reached) throws Exception {
        phase(daemon, phase, 120, reached);
    }

    private static boolean phase(String daemon, String phase, int seconds, Predicate<String> reached) throws Exception {
        Settled now = settle(LvsGlobalsGuestDriver::state, reached, seconds, 2000);
        printPhase(daemon, phase, now.reached());
        System.out.print(now.state());
        System.out.println("--- end " + daemon + " " + phase);
        return now.reached();
    }

    private static void await(String what, Probe probe, Predicate<String> ok) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (ok.test(probe.get())) {
                return;
            }
            Thread.sleep(500);
        }
        System.out.println("--- " + what + " (not reached)");
    }
}
