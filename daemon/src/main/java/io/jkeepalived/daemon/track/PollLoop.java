package io.jkeepalived.daemon.track;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of a tracker that polls (track_file, vrrp_track_process): one round every period, off the VRRP
 * thread, until closed. A round that throws is logged and the loop goes on, so one bad file or process entry
 * never stops the others being watched.
 */
final class PollLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");

    private final Thread thread;
    private volatile boolean stopping;

    private PollLoop(String threadName, long periodMillis, Runnable round, String what) {
        thread = new Thread(() -> {
            while (!stopping) {
                try {
                    round.run();
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("{}: {}", what, e.toString());
                }
            }
        }, threadName);
        thread.setDaemon(true);
    }

    /** Starts the thread {@code threadName}, which runs {@code round} every {@code periodMillis}. */
    static PollLoop start(String threadName, long periodMillis, Runnable round, String what) {
        PollLoop loop = new PollLoop(threadName, periodMillis, round, what);
        loop.thread.start();
        return loop;
    }

    /** Stops the loop and waits up to a second for the round in progress. */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
