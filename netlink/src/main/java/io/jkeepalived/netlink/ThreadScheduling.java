package io.jkeepalived.netlink;

/**
 * How the kernel schedules the daemon's threads, for keepalived's process-scheduling keywords ({@code vrrp_priority},
 * {@code vrrp_rt_priority}, {@code vrrp_rlimit_rttime}, {@code vrrp_no_swap} and the checker ones) and for the VRRP
 * thread's timer precision. keepalived applies them per process; the JVM has one process whose threads are kernel
 * tasks with their own ids, so the per-process settings are applied per thread ({@link #currentThreadId()}).
 * Memory locking and resource limits stay process-wide. Failures are {@link SyscallException}s naming the call.
 */
public final class ThreadScheduling {
    private ThreadScheduling() {
    }

    /** The calling thread's kernel id (gettid), as in {@code /proc/PID/task/TID}. */
    public static int currentThreadId() {
        return SchedulingCalls.gettid();
    }

    /** Sets the nice value (-20..19) of thread {@code tid} (setpriority on the thread id). */
    public static void setNice(int tid, int nice) throws SyscallException {
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("nice " + nice + " is outside -20..19");
        }
        SchedulingCalls.setpriority(tid, nice);
    }

    /**
     * Puts thread {@code tid} under SCHED_RR at {@code priority} (1..99), with SCHED_RESET_ON_FORK so that the
     * scripts it starts run as normal processes (as keepalived's child processes do).
     */
    public static void setRoundRobin(int tid, int priority) throws SyscallException {
        if (priority < 1 || priority > 99) {
            throw new IllegalArgumentException("SCHED_RR priority " + priority + " is outside 1..99");
        }
        SchedulingCalls.sched_setscheduler(tid, SchedulingCalls.SCHED_RR | SchedulingCalls.SCHED_RESET_ON_FORK, priority);
    }

    /** Puts thread {@code tid} back under SCHED_OTHER. */
    public static void setNormal(int tid) throws SyscallException {
        SchedulingCalls.sched_setscheduler(tid, SchedulingCalls.SCHED_OTHER, 0);
    }

    /** The lowest SCHED_RR priority (1 on Linux), where keepalived's automatic priority starts. */
    public static int minRoundRobinPriority() throws SyscallException {
        return SchedulingCalls.sched_get_priority_min(SchedulingCalls.SCHED_RR);
    }

    /** The highest SCHED_RR priority (99 on Linux). */
    public static int maxRoundRobinPriority() throws SyscallException {
        return SchedulingCalls.sched_get_priority_max(SchedulingCalls.SCHED_RR);
    }

    /**
     * Sets the calling thread's timer slack (prctl PR_SET_TIMERSLACK): how much later than asked the kernel may end
     * its timed waits, to batch wake-ups. The default is 50 µs for normal threads; real-time threads get none.
     */
    public static void setTimerSlackNanos(long nanos) throws SyscallException {
        if (nanos < 1) {
            throw new IllegalArgumentException("timer slack must be at least 1 ns (0 means the default)");
        }
        SchedulingCalls.prctl_timerslack(nanos);
    }

    /**
     * Locks the whole process's memory (mlockall MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT): pages are locked as they
     * are touched, so the JVM's large reservations (heap, code cache) are not committed up front.
     */
    public static void lockAllMemory() throws SyscallException {
        SchedulingCalls.mlockall(SchedulingCalls.MCL_CURRENT | SchedulingCalls.MCL_FUTURE | SchedulingCalls.MCL_ONFAULT);
    }

    /**
     * Sets the process's RLIMIT_RTTIME (µs a real-time thread may run without blocking): past {@code softMicros}
     * the process gets SIGXCPU each second, past {@code hardMicros} SIGKILL.
     */
    public static void setRealtimeLimit(long softMicros, long hardMicros) throws SyscallException {
        if (softMicros < 0 || hardMicros < softMicros) {
            throw new IllegalArgumentException("RLIMIT_RTTIME " + softMicros + "/" + hardMicros + " µs");
        }
        SchedulingCalls.setrlimit_rttime(softMicros, hardMicros);
    }
}
