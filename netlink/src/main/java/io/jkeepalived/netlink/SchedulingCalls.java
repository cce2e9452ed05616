package io.jkeepalived.netlink;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.SaveError;

/**
 * The libc calls behind {@link ThreadScheduling}: thread ids, nice values, the SCHED_RR policy, timer slack, memory
 * locking and RLIMIT_RTTIME. Each failure becomes a {@link SyscallException} naming the call and its subject.
 */
final class SchedulingCalls {
    /** The libc functions; public only because jnr-ffi implements it from another class loader. */
    public interface LibC {
        int gettid();
        @SaveError int setpriority(int which, int who, int priority);
        @SaveError int sched_setscheduler(int pid, int policy, @In int[] param);
        @SaveError int sched_get_priority_min(int policy);
        @SaveError int sched_get_priority_max(int policy);
        @SaveError int prctl(int option, long arg2, long arg3, long arg4, long arg5);
        @SaveError int mlockall(int flags);
        @SaveError int setrlimit(int resource, @In long[] rlimit);
    }

    // sys/resource.h, sched.h, linux/prctl.h, sys/mman.h (x86-64 and aarch64 share them)
    static final int PRIO_PROCESS = 0;
    static final int SCHED_OTHER = 0;
    static final int SCHED_RR = 2;
    /** Threads and processes started by a real-time thread (notify scripts) go back to SCHED_OTHER. */
    static final int SCHED_RESET_ON_FORK = 0x40000000;
    static final int PR_SET_TIMERSLACK = 29;
    static final int MCL_CURRENT = 1;
    static final int MCL_FUTURE = 2;
    static final int MCL_ONFAULT = 4;
    static final int RLIMIT_RTTIME = 15;

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private SchedulingCalls() {
    }

    private static int check(int result, String what) throws SyscallException {
        if (result == -1) {
            throw Errno.exception(what, Holder.RUNTIME.getLastError());
        }
        return result;
    }

    static int gettid() {
        return Holder.LIBC.gettid();
    }

    static void setpriority(int tid, int nice) throws SyscallException {
        check(Holder.LIBC.setpriority(PRIO_PROCESS, tid, nice), "setpriority(" + tid + ", " + nice + ")");
    }

    static void sched_setscheduler(int tid, int policy, int priority) throws SyscallException {
        check(Holder.LIBC.sched_setscheduler(tid, policy, new int[]{priority}),
                "sched_setscheduler(" + tid + ", " + policyName(policy) + ", " + priority + ")");
    }

    static int sched_get_priority_min(int policy) throws SyscallException {
        return check(Holder.LIBC.sched_get_priority_min(policy), "sched_get_priority_min(" + policyName(policy) + ")");
    }

    static int sched_get_priority_max(int policy) throws SyscallException {
        return check(Holder.LIBC.sched_get_priority_max(policy), "sched_get_priority_max(" + policyName(policy) + ")");
    }

    static void prctl_timerslack(long nanos) throws SyscallException {
        check(Holder.LIBC.prctl(PR_SET_TIMERSLACK, nanos, 0, 0, 0), "prctl(PR_SET_TIMERSLACK, " + nanos + ")");
    }

    static void mlockall(int flags) throws SyscallException {
        check(Holder.LIBC.mlockall(flags), "mlockall");
    }

    static void setrlimit_rttime(long soft, long hard) throws SyscallException {
        check(Holder.LIBC.setrlimit(RLIMIT_RTTIME, new long[]{soft, hard}),
                "setrlimit(RLIMIT_RTTIME, " + soft + ", " + hard + ")");
    }

    private static String policyName(int policy) {
        return switch (policy & ~SCHED_RESET_ON_FORK) {
            case SCHED_OTHER -> "SCHED_OTHER";
            case SCHED_RR -> "SCHED_RR";
            default -> "policy " + policy;
        };
    }
}
