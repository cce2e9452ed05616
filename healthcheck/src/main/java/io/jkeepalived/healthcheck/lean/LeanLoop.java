package io.jkeepalived.healthcheck.lean;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.util.concurrent.FastThreadLocal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What the bare-socket probes of one epoll event loop share, used only on that loop's thread: one direct read
 * buffer (and a heap copy of it for the parsers) and the I/O timers of every {@link LeanSocket} on the loop.
 *
 * <p>The timers are why this exists next to netty's own: a netty Channel arms a {@code ScheduledFutureTask} per
 * connect (and HttpExchange one per phase), allocated, queued and cancelled thousands of times a second. Here a timer
 * is two links in a FIFO: each distinct timeout (there are a handful: the checkers' connect_timeout values) has its
 * own list, whose deadlines never decrease because the clock is monotonic, so arming appends, disarming unlinks, and
 * one netty task at the earliest head deadline expires what is due and re-arms itself at the next.
 */
public final class LeanLoop {
    /** Off with {@code -Djkeepalived.check.lean=false}: every probe takes netty's Channel path (A/B benchmarks). */
    private static final boolean ENABLED = !"false".equals(System.getProperty("jkeepalived.check.lean"));
    private static final int BUFFER = 16 * 1024;
    private static final FastThreadLocal<LeanLoop> CURRENT = new FastThreadLocal<>();

    final IoEventLoop loop;
    /** recv() target; byte order is irrelevant (bytes only) but set explicitly as the project requires. */
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.BIG_ENDIAN);
    /** The bytes of the last recv(), copied out for the parsers (which take arrays). */
    final byte[] readArray = new byte[BUFFER];
    private final ArrayList<Fifo> fifos = new ArrayList<>(4);
    /** When the expiry task is due (System.nanoTime), or Long.MAX_VALUE when none is scheduled. */
    private long wakeAt = Long.MAX_VALUE;
    private boolean wakeScheduled;
    private final Runnable expire = this::expire;

    private LeanLoop(IoEventLoop loop) {
        this.loop = loop;
    }

    /**
     * The lean state of {@code loop} when the caller runs on it and it is a netty epoll loop (bare sockets can be
     * registered on it), else null: the caller takes netty's Channel path (NIO transport, other threads).
     */
    public static LeanLoop of(EventLoop loop) {
        if (!ENABLED || !(loop instanceof IoEventLoop io) || !loop.inEventLoop()) {
            return null;
        }
        LeanLoop l = CURRENT.getIfExists();
        if (l != null && l.loop == io) {
            return l;
        }
        if (!Epoll.isAvailable() || !io.isCompatible(EpollIoHandle.class)) {
            return null;
        }
        l = new LeanLoop(io);
        CURRENT.set(l);
        return l;
    }

    /** The event loop. */
    public IoEventLoop eventLoop() {
        return loop;
    }

    // ---- timers ----

    void arm(LeanSocket s, long timeoutNanos) {
        disarm(s);
        Fifo f = fifo(timeoutNanos);
        long deadline = System.nanoTime() + timeoutNanos;
        s.deadline = deadline;
        s.fifo = f;
        s.timerPrev = f.tail;
        s.timerNext = null;
        if (f.tail == null) {
            f.head = s;
        } else {
            f.tail.timerNext = s;
        }
        f.tail = s;
        if (!wakeScheduled || deadline - wakeAt < 0) {
            schedule(deadline);
        }
    }

    void disarm(LeanSocket s) {
        Fifo f = s.fifo;
        if (f == null) {
            return;
        }
        if (s.timerPrev == null) {
            f.head = s.timerNext;
        } else {
            s.timerPrev.timerNext = s.timerNext;
        }
        if (s.timerNext == null) {
            f.tail = s.timerPrev;
        } else {
            s.timerNext.timerPrev = s.timerPrev;
        }
        s.fifo = null;
        s.timerPrev = null;
        s.timerNext = null;
    }

    private Fifo fifo(long timeoutNanos) {
        for (int i = 0; i < fifos.size(); i++) {
            Fifo f = fifos.get(i);
            if (f.timeout == timeoutNanos) {
                return f;
            }
        }
        Fifo f = new Fifo(timeoutNanos);
        fifos.add(f);
        return f;
    }

    private void schedule(long deadline) {
        wakeAt = deadline;
        wakeScheduled = true;
        // an earlier task still scheduled runs, finds nothing due and re-arms: harmless
        loop.schedule(expire, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void expire() {
        long now = System.nanoTime();
        if (wakeScheduled && wakeAt - now > 0) {
            return; // a stale task: a later-armed earlier deadline scheduled another
        }
        wakeScheduled = false;
        wakeAt = Long.MAX_VALUE;
        for (int i = 0; i < fifos.size(); i++) {
            Fifo f = fifos.get(i);
            // bounded: each pass removes the head; a callback may arm again, but at now + timeout (> now)
            while (f.head != null && f.head.deadline - now <= 0) {
                LeanSocket s = f.head;
                disarm(s);
                s.timerExpired();
            }
        }
        long next = Long.MAX_VALUE;
        boolean any = false;
        for (int i = 0; i < fifos.size(); i++) {
            LeanSocket h = fifos.get(i).head;
            if (h != null && (!any || h.deadline - next < 0)) {
                next = h.deadline;
                any = true;
            }
        }
        if (any && (!wakeScheduled || next - wakeAt < 0)) {
            schedule(next);
        }
    }

    /** The armed sockets of one timeout value, oldest first. */
    static final class Fifo {
        final long timeout;
        LeanSocket head;
        LeanSocket tail;

        Fifo(long timeout) {
            this.timeout = timeout;
        }
    }
}
