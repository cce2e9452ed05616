package io.jkeepalived.daemon.sched;

import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.netlink.ThreadScheduling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalInt;

/**
 * Applies a {@link SchedulingPlan}: process-wide settings once at start ({@link #install}), thread settings by each
 * thread on itself as it starts ({@link #enterThread}), and the automatic priority on the VRRP thread after each
 * wait ({@link #vrrpWaitEnded}). Logs what keepalived logs when a setting fails (it logs nothing when one succeeds);
 * a failure never stops the daemon, as in keepalived.
 *
 * <p>The VRRP thread also gets a small timer slack whatever the configuration: its waits end when an advert is due,
 * and the kernel's default slack (50 µs for a normal thread) would add to every one.
 */
public final class ProcessScheduling {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessScheduling.class);
    /** The VRRP thread's timer slack: waits end within a microsecond of the advert timer. */
    static final long VRRP_TIMER_SLACK_NANOS = 1_000;

    private static volatile ProcessScheduling current = new ProcessScheduling(SchedulingPlan.DEFAULT);

    private final SchedulingPlan plan;
    /** Created by the VRRP thread when it starts; only that thread uses it. */
    private AutoPriority auto;
    private int vrrpTid;
    private boolean autoRlimitSet;

    ProcessScheduling(SchedulingPlan plan) {
        this.plan = plan;
    }

    /** The scheduling the threads apply as they start (defaults until {@link #install}). */
    public static ProcessScheduling current() {
        return current;
    }

    /**
     * Applies {@code global}'s process-wide settings (memory locking, RLIMIT_RTTIME) and makes its thread settings
     * the ones {@link #enterThread} applies from now on. Call once at start, before the subsystems start.
     */
    public static ProcessScheduling install(GlobalDefs global) {
        ProcessScheduling s = new ProcessScheduling(SchedulingPlan.of(global));
        s.applyProcessWide();
        current = s;
        return s;
    }

    /** Makes the checker's event loop threads apply the checker settings as they start; returns this. */
    public ProcessScheduling hookCheckerThreads() {
        if (!plan.checker().none()) {
            io.jkeepalived.healthcheck.CheckerThreads.onEventLoopStart(() -> enterThread(SchedulingPlan.Role.CHECKER));
        }
        return this;
    }

    /** The plan applied. */
    public SchedulingPlan plan() {
        return plan;
    }

    private void applyProcessWide() {
        if (plan.rlimitRttimeMicros() > 0) {
            setRealtimeLimit(plan.rlimitRttimeMicros(), "child process cannot set realtime rlimit");
        }
        if (plan.lockMemory()) {
            try {
                ThreadScheduling.lockAllMemory();
            } catch (java.io.IOException | RuntimeException | LinkageError e) {
                LOG.info("Unable to lock process in memory - {}", reason(e));
            }
        }
    }

    /**
     * The least RLIMIT_RTTIME set for the JVM. keepalived's 10 ms default suits a C process; a JVM thread running
     * code for the first time (interpreted, loading classes: the VRRP thread's first transition, a reload) runs
     * longer than that without blocking, and the hard limit's SIGKILL ended the daemon at its first state change
     * (measured: killed within a second of start with {@code vrrp_rt_priority} alone).
     */
    static final long MIN_RLIMIT_RTTIME_MICROS = 1_000_000;

    /** The RLIMIT_RTTIME actually set for a configured one: at least {@link #MIN_RLIMIT_RTTIME_MICROS}. */
    static long jvmRealtimeLimit(long configuredMicros) {
        return Math.max(configuredMicros, MIN_RLIMIT_RTTIME_MICROS);
    }

    private static void setRealtimeLimit(long configuredMicros, String failure) {
        long micros = jvmRealtimeLimit(configuredMicros);
        if (micros != configuredMicros) {
            LOG.info("rlimit_rttime {} usecs raised to {} usecs: JVM threads run longer than that without blocking "
                    + "when running code for the first time", configuredMicros, micros);
        }
        try {
            // keepalived: the soft limit at half, to get SIGXCPU (logged) before the hard limit's SIGKILL
            SigXcpu.install();
            ThreadScheduling.setRealtimeLimit(micros / 2, micros);
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            LOG.warn("{} ({})", failure, reason(e));
        }
    }

    /** Applies {@code role}'s settings to the calling thread; the VRRP thread also sets its timer slack. */
    public void enterThread(SchedulingPlan.Role role) {
        SchedulingPlan.ThreadSettings t = plan.forRole(role);
        int tid;
        try {
            tid = ThreadScheduling.currentThreadId();
            if (role == SchedulingPlan.Role.VRRP) {
                ThreadScheduling.setTimerSlackNanos(VRRP_TIMER_SLACK_NANOS);
            }
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            LOG.debug("{} thread: no timer slack: {}", role.process(), reason(e));
            return; // not Linux, or no libc binding: nothing below would work either
        }
        if (t.rtPriority() > 0) {
            try {
                ThreadScheduling.setRoundRobin(tid, t.rtPriority());
                LOG.debug("{} thread {} ({}) runs SCHED_RR {}", role.process(), tid, Thread.currentThread().getName(),
                        t.rtPriority());
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("child process: cannot raise priority ({} thread {}: {})", role.process(), tid, reason(e));
            }
        } else if (t.nice() != 0) {
            try {
                ThreadScheduling.setNice(tid, t.nice());
                LOG.debug("{} thread {} ({}) runs at nice {}", role.process(), tid, Thread.currentThread().getName(),
                        t.nice());
            } catch (java.io.IOException | RuntimeException e) {
                LOG.info("Unable to set process priority to {} - {}", t.nice(), reason(e));
            }
        }
        if (role == SchedulingPlan.Role.VRRP) {
            vrrpTid = tid;
            int min = 1;
            if (plan.autoPriority()) {
                try {
                    min = ThreadScheduling.minRoundRobinPriority();
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.debug("sched_get_priority_min: {}", reason(e));
                }
            }
            auto = new AutoPriority(plan.maxAutoPriority(), min, plan.minAutoPriorityDelayMicros(), t.rtPriority());
        }
    }

    /**
     * On the VRRP thread after each wait: whose earliest timer was due at {@code deadlineNanos}
     * ({@code Long.MAX_VALUE} = none), now {@code nowNanos}. Raises the thread's real-time priority as keepalived's
     * scheduler does when a timer ran later than min_auto_priority_delay.
     */
    public void vrrpWaitEnded(long deadlineNanos, long nowNanos) {
        if (auto == null) {
            return;
        }
        OptionalInt next = auto.afterWait(deadlineNanos, nowNanos);
        if (next.isEmpty()) {
            return;
        }
        LOG.info(AutoPriority.expiredMessage(nowNanos - deadlineNanos));
        if (!autoRlimitSet && plan.rlimitRttimeMicros() == 0 && plan.autoRlimitRttimeMicros() > 0) {
            autoRlimitSet = true;
            setRealtimeLimit(plan.autoRlimitRttimeMicros(), "child process cannot set realtime rlimit");
        }
        try {
            ThreadScheduling.setRoundRobin(vrrpTid, next.getAsInt());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("child process: cannot raise priority ({} thread {}: {})", SchedulingPlan.Role.VRRP.process(),
                    vrrpTid, reason(e));
        }
        LOG.info("Set realtime priority {}", next.getAsInt());
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
