package io.jkeepalived.daemon.track;

import io.jkeepalived.netlink.SyscallException;
import io.jkeepalived.netlink.rtnl.RtnlEvent;
import io.jkeepalived.netlink.rtnl.RtnlMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The thread that reads one rtnetlink monitor subscription (link changes for track_interface, address changes for
 * the VIP watch) and hands each event on. When the kernel reports ENOBUFS, events were lost and the owner resyncs
 * from a fresh dump; any other receive error is logged and retried a second later, so a broken socket never spins.
 */
public final class RtnlWatchLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");
    private static final Duration POLL = Duration.ofMillis(200);

    /** Reads the current state again after lost events. */
    @FunctionalInterface
    public interface Resync {
        void run() throws IOException;
    }

    private final RtnlMonitor monitor;
    private final String what;
    private final Consumer<RtnlEvent> onEvent;
    private final Resync resync;
    private final Thread thread;
    private volatile boolean stopping;

    private RtnlWatchLoop(RtnlMonitor monitor, String threadName, String what, Consumer<RtnlEvent> onEvent,
                          Resync resync) {
        this.monitor = monitor;
        this.what = what;
        this.onEvent = onEvent;
        this.resync = resync;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    /**
     * Starts the thread {@code threadName} reading {@code monitor}; {@link #close()} closes the monitor too.
     *
     * @param what the watcher's name in the log line of a receive error
     */
    public static RtnlWatchLoop start(RtnlMonitor monitor, String threadName, String what,
                                      Consumer<RtnlEvent> onEvent, Resync resync) {
        RtnlWatchLoop loop = new RtnlWatchLoop(monitor, threadName, what, onEvent, resync);
        loop.thread.start();
        return loop;
    }

    private void run() {
        // bounded by the stop flag; each poll waits at most POLL
        while (!stopping) {
            try {
                for (RtnlEvent e : monitor.poll(POLL)) {
                    onEvent.accept(e);
                }
            } catch (SyscallException e) {
                if (stopping) {
                    return;
                }
                if ("ENOBUFS".equals(e.errnoName())) {
                    resync(); // changes were lost: read the state again
                } else {
                    failed(e);
                }
            } catch (IOException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                failed(e);
            }
        }
    }

    private void resync() {
        try {
            resync.run();
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Exception e) {
        LOG.warn("{}: netlink receive failed: {}", what, e.getMessage());
        try {
            Thread.sleep(1000); // do not spin on a broken socket
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** Stops the thread (within a few polls) and closes the monitor. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(POLL.toMillis() * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            monitor.close();
        } catch (IOException e) {
            // closing at exit
        }
    }
}
