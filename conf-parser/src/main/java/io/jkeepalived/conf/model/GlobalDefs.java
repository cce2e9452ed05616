package io.jkeepalived.conf.model;

import java.util.List;

/**
 * The global settings ({@code global_defs} and root-level global keywords) with keepalived 2.2.7's
 * defaults (global_data.c {@code alloc_global_data}/{@code set_vrrp_defaults}), grouped by concern.
 * A value keepalived rejects leaves the default (or the previous value), as keepalived does.
 *
 * @param routerId  {@code router_id}; null = the host name (keepalived fills it in at start)
 * @param settings  every global line as written, including keywords not typed here
 */
public record GlobalDefs(String routerId, Notification notification, Scripts scripts, VrrpDefaults vrrp,
                         GarpDefaults garp, Firewall firewall, Processes processes, Lvs lvs, Runtime runtime,
                         NotifyFifos fifos, List<Setting> settings) {
    public GlobalDefs {
        settings = List.copyOf(settings);
    }

    /** SMTP port when {@code smtp_server} gives none (keepalived's SMTP_PORT_STR). */
    public static final int SMTP_PORT = 25;
    /** {@code max_auto_priority} without a value: sched_get_priority_max(SCHED_RR) on Linux. */
    public static final int MAX_RT_PRIORITY = 99;
    /** RT_RLIMIT_DEFAULT: the default RLIMIT_RTTIME of a real-time process, in microseconds. */
    public static final long RT_RLIMIT_DEFAULT_MICROS = 10_000L;

    /** {@code smtp_server HOST [PORT]}, {@code smtp_helo_name}, {@code smtp_connect_timeout}. */
    public record Smtp(String server, int port, String heloName, long connectTimeoutSeconds) {
        /** No server: keepalived sends no mail. */
        public static final Smtp NONE = new Smtp(null, SMTP_PORT, null, 30);

        public boolean configured() {
            return server != null;
        }
    }

    /**
     * Who gets mail and when: {@code notification_email}, {@code notification_email_from} (null = derived
     * from the host name), {@code smtp_alert*} (null = not set: per-instance settings decide).
     */
    public record Notification(List<String> emails, String emailFrom, Smtp smtp, Boolean smtpAlert,
                               Boolean smtpAlertVrrp, Boolean smtpAlertChecker, boolean noEmailFaults,
                               boolean checkerLogAllFailures) {
        public Notification {
            emails = List.copyOf(emails);
        }
    }

    /** {@code enable_script_security} and {@code script_user USER [GROUP]} (null = keepalived_script or root). */
    public record Scripts(boolean enableScriptSecurity, String user, String group) {
    }

    /**
     * What VRRP instances inherit: {@code vrrp_version} (2), {@code default_interface} (eth0), the multicast
     * groups, the strictness switches, {@code vrrp_down_timer_adverts} (3), {@code dynamic_interfaces},
 * {@code vrrp_startup_delay} (0 = none, microseconds).
     */
    public record VrrpDefaults(int version, String defaultInterface, String mcastGroup4, String mcastGroup6,
                               boolean strict, boolean checkUnicastSrc, boolean skipCheckAdvAddr,
                               boolean lowerPrioNoAdvert, boolean higherPrioSendAdvert, int downTimerAdverts,
                               boolean notifyPriorityChanges, boolean dynamicInterfaces, boolean allowIfChanges,
                               long startupDelayMicros) {
    }

    /**
     * The gratuitous ARP / unsolicited NA defaults ({@code vrrp_garp_*}, {@code vrrp_gna_interval}), in
     * microseconds. {@code lowerPrioDelayMicros}/{@code lowerPrioRepeat} -1 = as the master values.
     * {@code vrrp_min_garp} has already been applied to the values it changes.
     */
    public record GarpDefaults(long masterDelayMicros, int masterRepeat, long masterRefreshMicros,
                               int masterRefreshRepeat, long lowerPrioDelayMicros, int lowerPrioRepeat,
                               long garpIntervalMicros, long gnaIntervalMicros, boolean minGarp) {
        public static final GarpDefaults DEFAULT = new GarpDefaults(5_000_000L, 5, 0, 1, -1, -1, 0, 0, false);
    }

    /**
     * Firewall integration: {@code vrrp_iptables [IN [OUT]]} as written (null = not used; no value =
     * INPUT/OUTPUT) and {@code nftables [TABLE]} (null = not used; no value = "keepalived"). keepalived
     * 2.2.7 as Debian builds it has no iptables support and takes {@code vrrp_iptables} as
     * {@code nftables keepalived}, which {@code nftablesTable} reflects.
     */
    public record Firewall(String iptablesInChain, String iptablesOutChain, String nftablesTable,
                           Integer nftablesPriority) {
        public static final Firewall NONE = new Firewall(null, null, null, null);
    }

    /**
     * Scheduling of one keepalived process ({@code vrrp_priority}, {@code vrrp_no_swap},
     * {@code vrrp_rt_priority}, {@code vrrp_rlimit_rttime}; the same for checker and bfd).
     *
     * @param priority   nice value, -20..19 (0 = unchanged)
     * @param rtPriority SCHED_RR priority 1..99 (0 = not real-time)
     */
    public record ProcessSettings(int priority, boolean noSwap, int rtPriority, long rlimitRttimeMicros) {
        public static final ProcessSettings DEFAULT = new ProcessSettings(0, false, 0, RT_RLIMIT_DEFAULT_MICROS);
    }

    /**
     * The processes: per-process scheduling, {@code max_auto_priority} (0; -1 = off), the process names
     * ({@code process_names} or the per-process keywords; null = not renamed) and {@code min_auto_priority_delay}
     * (µs a timer may be overdue before the automatic real-time priority steps in; keepalived's default 1 s).
     */
    public record Processes(ProcessSettings vrrp, ProcessSettings checker, ProcessSettings bfd, int maxAutoPriority,
                            String vrrpProcessName, String checkerProcessName, String bfdProcessName,
                            long minAutoPriorityDelayMicros) {
        public static final long MIN_AUTO_PRIORITY_DELAY_DEFAULT_MICROS = 1_000_000L;

        /** Without {@code min_auto_priority_delay}: keepalived's default of one second. */
        public Processes(ProcessSettings vrrp, ProcessSettings checker, ProcessSettings bfd, int maxAutoPriority,
                         String vrrpProcessName, String checkerProcessName, String bfdProcessName) {
            this(vrrp, checker, bfd, maxAutoPriority, vrrpProcessName, checkerProcessName, bfdProcessName,
                    MIN_AUTO_PRIORITY_DELAY_DEFAULT_MICROS);
        }
    }

    /**
     * {@code lvs_sync_daemon IF [[inst] VI] [id N] [maxlen N] [port N] [ttl N] [group IP]}.
     *
     * @param syncId -1 = the VRRP instance's virtual_router_id
     * @param maxLen 0, {@code port} 0, {@code ttl} 0 and {@code group} null = the kernel's defaults
     */
    public record LvsSyncDaemon(String interfaceName, String vrrpInstance, int syncId, int maxLen, int port, int ttl,
                                String group) {
    }

    /** {@code lvs_timeouts [tcp S] [tcpfin S] [udp S]} in seconds; 0 = the kernel's value is left alone. */
    public record LvsTimeouts(long tcp, long tcpFin, long udp) {
        public static final LvsTimeouts UNSET = new LvsTimeouts(0, 0, 0);
    }

    /** {@code lvs_flush_on_stop [VS]}. */
    public enum FlushOnStop { NONE, FULL, VS }

    /** The IPVS globals; {@code syncDaemon} null = no sync daemon. */
    public record Lvs(boolean flush, FlushOnStop flushOnStop, LvsSyncDaemon syncDaemon, LvsTimeouts timeouts) {
    }

    /**
     * Root-level process settings: {@code net_namespace}, {@code net_namespace_ipvs}, {@code instance},
     * {@code use_pid_dir} (also implied by the first two), {@code namespace_with_ipsets},
     * {@code child_wait_time} (5 s), and {@code enable_traps}.
     */
    public record Runtime(String netNamespace, String netNamespaceIpvs, String instanceName, boolean usePidDir,
                          boolean namespaceWithIpsets, long childWaitTimeSeconds, boolean enableTraps) {
    }

    /**
     * A notify FIFO ({@code notify_fifo FIFO [USER [GROUP]]}) and the script that reads it
     * ({@code notify_fifo_script}); {@code name} null = none, {@code user} null = the default script user.
     */
    public record NotifyFifo(String name, String user, String group, List<String> script) {
        public static final NotifyFifo NONE = new NotifyFifo(null, null, null, List.of());

        public NotifyFifo {
            script = List.copyOf(script);
        }
    }

    /**
     * {@code notify_fifo}, {@code vrrp_notify_fifo}, {@code lvs_notify_fifo} (with their {@code *_script}s)
     * and {@code fifo_write_vrrp_states_on_reload}.
     */
    public record NotifyFifos(NotifyFifo global, NotifyFifo vrrp, NotifyFifo lvs, boolean writeVrrpStatesOnReload) {
    }

    // Shortcuts kept from the first version of this record.

    public boolean enableScriptSecurity() {
        return scripts.enableScriptSecurity();
    }

    public String scriptUser() {
        return scripts.user();
    }

    public String scriptGroup() {
        return scripts.group();
    }

    public int vrrpVersion() {
        return vrrp.version();
    }

    public long vrrpGarpMasterDelayMicros() {
        return garp.masterDelayMicros();
    }

    public long smtpConnectTimeoutSeconds() {
        return notification.smtp().connectTimeoutSeconds();
    }
}
