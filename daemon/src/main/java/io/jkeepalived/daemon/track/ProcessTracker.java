package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.conf.model.vrrp.TrackProcess;
import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.vrrp.fsm.VrrpEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code vrrp_track_process}: counts the matching processes on a thread of its own ("vrrp-track-process") and
 * hands quorum changes to the instances tracking them, with keepalived's weights (as {@link TrackerWeight}:
 * positive weight added with the quorum, negative subtracted without it, weight 0 = FAULT without it, reverse
 * flips) and its line {@code Quorum gained|lost for tracked process NAME}.
 *
 * <p>keepalived follows process starts and exits through the kernel's proc connector (a netlink multicast that
 * needs CAP_NET_ADMIN in the initial user namespace, and whose events can be lost under load). Here /proc is
 * scanned every {@value #SCAN_MILLIS} ms instead, off the VRRP thread: a change is seen within that time (plus
 * fork_delay / terminate_delay), and a scan of a few hundred processes reads only /proc/PID/stat unless the
 * command line is needed ({@code full_command} or parameters).
 */
public final class ProcessTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");
    static final int SCAN_MILLIS = 200;

    /** One running process as the scan sees it. */
    record Proc(String comm, byte[] cmdline) {
    }

    /** Lists the running processes (not zombies); tests pass their own. */
    interface ProcSource {
        List<Proc> scan(boolean withCommandLines);
    }

    static final class Watched {
        final TrackProcess config;
        final ProcessMatch match;
        final List<TrackPlan.Binding> users = new ArrayList<>();
        ProcessQuorum quorum;

        Watched(TrackProcess config) {
            this.config = config;
            this.match = new ProcessMatch(config);
        }
    }

    private final List<Watched> processes = new ArrayList<>();
    private final TrackerSink sink;
    private final ProcSource source;
    private final LongSupplier nanoClock;
    private final boolean needCommandLines;
    private PollLoop loop;

    ProcessTracker(VrrpConfig config, TrackerSink sink, ProcSource source, LongSupplier nanoClock) {
        this.sink = sink;
        this.source = source;
        this.nanoClock = nanoClock;
        Map<String, TrackProcess> defined = new LinkedHashMap<>();
        config.trackProcesses().forEach(p -> defined.put(p.name(), p));
        Map<String, Watched> used = new LinkedHashMap<>();
        for (VrrpInstance i : config.instances()) {
            for (Tracked t : i.tracking().processes()) {
                TrackProcess p = defined.get(t.name());
                if (p != null) {
                    used.computeIfAbsent(p.name(), k -> new Watched(p)).users.add(new TrackPlan.Binding(i.name(), t));
                }
            }
        }
        processes.addAll(used.values());
        needCommandLines = processes.stream().anyMatch(p -> p.match.needsCommandLine());
        if (!processes.isEmpty()) {
            List<Proc> now = source.scan(needCommandLines);
            for (Watched p : processes) {
                TrackProcess c = p.config;
                p.quorum = new ProcessQuorum(c.quorum(), c.quorumMax(), c.forkDelayMicros(), c.terminateDelayMicros(),
                        count(p, now));
            }
        }
    }

    /** The tracker for the processes the instances of {@code config} track (scans /proc once now). */
    public static ProcessTracker of(VrrpConfig config, TrackerSink sink) {
        return new ProcessTracker(config, sink, ProcessTracker::scanProc, System::nanoTime);
    }

    /** Each instance's starting contribution, to apply before the instances start. */
    public void initial(TrackerSink to) {
        for (Watched p : processes) {
            for (TrackPlan.Binding b : p.users) {
                VrrpEvent.TrackerChanged c = contribution(p, b);
                if (c.fault()) {
                    to.log("(" + b.instance() + ") entering FAULT state (tracked process " + p.config.name()
                            + " quorum not achieved)");
                }
                to.changed(b.instance(), c);
            }
        }
    }

    public void start() {
        if (processes.isEmpty()) {
            return;
        }
        loop = PollLoop.start("vrrp-track-process", SCAN_MILLIS, this::scanOnce, "track_process");
    }

    /** One scan and what follows from it. */
    void scanOnce() {
        List<Proc> now = source.scan(needCommandLines);
        long t = nanoClock.getAsLong();
        for (Watched p : processes) {
            if (p.quorum.update(t, count(p, now))) {
                sink.log("Quorum " + (p.quorum.have() ? "gained" : "lost") + " for tracked process "
                        + p.config.name());
                for (TrackPlan.Binding b : p.users) {
                    sink.changed(b.instance(), contribution(p, b));
                }
            }
        }
    }

    private static long count(Watched p, List<Proc> procs) {
        long n = 0;
        for (Proc pr : procs) {
            if (p.match.matches(pr.comm(), pr.cmdline())) {
                n++;
            }
        }
        return n;
    }

    /** The tracker name an instance's state machine knows a process by. */
    public static String tracker(String process) {
        return "process " + process;
    }

    private static VrrpEvent.TrackerChanged contribution(Watched p, TrackPlan.Binding b) {
        return TrackerWeight.contribution(tracker(p.config.name()), b.tracked(),
                p.quorum.have() ? TrackerStatus.UP : TrackerStatus.DOWN);
    }

    /** Every process in /proc except zombies: comm from /proc/PID/stat, the command line only if asked for. */
    static List<Proc> scanProc(boolean withCommandLines) {
        List<Proc> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path d : dir) {
                String pid = d.getFileName().toString();
                if (pid.isEmpty() || pid.charAt(0) < '1' || pid.charAt(0) > '9') {
                    continue;
                }
                String stat = readSmall(d.resolve("stat"), 512);
                if (stat == null) {
                    continue; // gone since the listing
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open || close + 2 >= stat.length() || stat.charAt(close + 2) == 'Z') {
                    continue;
                }
                byte[] cmdline = null;
                if (withCommandLines) {
                    try (InputStream in = Files.newInputStream(d.resolve("cmdline"))) {
                        cmdline = in.readNBytes(4096);
                    } catch (IOException e) {
                        continue;
                    }
                }
                out.add(new Proc(stat.substring(open + 1, close), cmdline));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Scanning /proc failed: {}", e.toString());
        }
        return out;
    }

    private static String readSmall(Path p, int max) {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(max), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
