package io.jkeepalived.daemon.sched;

import io.jkeepalived.conf.model.GlobalDefs;

/**
 * keepalived's process-scheduling keywords mapped onto one JVM. keepalived applies {@code vrrp_*} to its VRRP process
 * and {@code checker_*} to its checker process; here the VRRP thread(s) play the VRRP process and the checker's event
 * loop threads the checker process, each getting its role's nice value or SCHED_RR priority. What the kernel keeps per
 * process cannot be split: memory locking ({@code *_no_swap}: either role asks, the process is locked) and
 * RLIMIT_RTTIME (the largest limit of a role that runs real-time, so that no role is cut shorter than it asked).
 *
 * <p>Pure: reads the parsed settings, does no system call (see {@link ProcessScheduling}).
 *
 * @param vrrp                       the VRRP thread's settings
 * @param checker                    the checker event loops' settings
 * @param lockMemory                 mlockall for the whole process
 * @param rlimitRttimeMicros         RLIMIT_RTTIME to set at start (hard; the soft limit is half, as keepalived), 0 = none
 * @param autoRlimitRttimeMicros     RLIMIT_RTTIME to set when the automatic priority first makes the VRRP thread
 *                                   real-time (keepalived: the process's own limit), 0 = none
 * @param maxAutoPriority            the highest SCHED_RR priority the automatic priority may reach; 0 or -1 = off
 * @param minAutoPriorityDelayMicros how late a timer must be before the automatic priority steps in
 */
public record SchedulingPlan(ThreadSettings vrrp, ThreadSettings checker, boolean lockMemory, long rlimitRttimeMicros,
                             long autoRlimitRttimeMicros, int maxAutoPriority, long minAutoPriorityDelayMicros) {

    /** The threads playing one keepalived process. */
    public enum Role {
        VRRP("VRRP", "vrrp"),
        CHECKER("Checker", "checker");

        private final String process;
        private final String keywordPrefix;

        Role(String process, String keywordPrefix) {
            this.process = process;
            this.keywordPrefix = keywordPrefix;
        }

        /** keepalived's name of the process in its log lines ({@code VRRP}, {@code Checker}). */
        public String process() {
            return process;
        }

        /** The keywords' prefix ({@code vrrp}, {@code checker}). */
        public String keywordPrefix() {
            return keywordPrefix;
        }
    }

    /**
     * One role's thread settings.
     *
     * @param nice       setpriority value, -20..19; 0 = left alone (keepalived ignores it under SCHED_RR)
     * @param rtPriority SCHED_RR priority 1..99; 0 = not real-time
     */
    public record ThreadSettings(int nice, int rtPriority) {
        public static final ThreadSettings NONE = new ThreadSettings(0, 0);

        /** True when nothing is to be changed. */
        public boolean none() {
            return nice == 0 && rtPriority == 0;
        }
    }

    /** Nothing configured: keepalived's defaults (no change, automatic priority off). */
    public static final SchedulingPlan DEFAULT = of((GlobalDefs) null);

    /** The plan for {@code global}'s process settings ({@code null} = defaults). */
    public static SchedulingPlan of(GlobalDefs global) {
        return fromProcesses(global == null ? null : global.processes());
    }

    /** The plan for these process settings ({@code null} = defaults). */
    public static SchedulingPlan fromProcesses(GlobalDefs.Processes p) {
        GlobalDefs.ProcessSettings v = p == null || p.vrrp() == null ? GlobalDefs.ProcessSettings.DEFAULT : p.vrrp();
        GlobalDefs.ProcessSettings c = p == null || p.checker() == null ? GlobalDefs.ProcessSettings.DEFAULT : p.checker();
        long rlimit = 0;
        for (GlobalDefs.ProcessSettings s : new GlobalDefs.ProcessSettings[]{v, c}) {
            if (s.rtPriority() > 0) {
                rlimit = Math.max(rlimit, s.rlimitRttimeMicros());
            }
        }
        return new SchedulingPlan(settings(v), settings(c), v.noSwap() || c.noSwap(), rlimit,
                v.rtPriority() > 0 ? 0 : v.rlimitRttimeMicros(),
                p == null ? 0 : p.maxAutoPriority(),
                p == null ? GlobalDefs.Processes.MIN_AUTO_PRIORITY_DELAY_DEFAULT_MICROS : p.minAutoPriorityDelayMicros());
    }

    private static ThreadSettings settings(GlobalDefs.ProcessSettings s) {
        // keepalived sets the nice value only when the process does not run real-time
        return s.rtPriority() > 0 ? new ThreadSettings(0, s.rtPriority()) : new ThreadSettings(s.priority(), 0);
    }

    /** The settings of {@code role}'s threads. */
    public ThreadSettings forRole(Role role) {
        return role == Role.VRRP ? vrrp : checker;
    }

    /** True when the automatic priority may act: max_auto_priority above 0 (keepalived: -1 and 0 are off). */
    public boolean autoPriority() {
        return maxAutoPriority > 0;
    }
}
