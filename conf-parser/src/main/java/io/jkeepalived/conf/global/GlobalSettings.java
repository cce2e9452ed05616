package io.jkeepalived.conf.global;

import io.jkeepalived.conf.model.GlobalDefs.FlushOnStop;
import io.jkeepalived.conf.model.GlobalDefs.LvsSyncDaemon;
import io.jkeepalived.conf.model.GlobalDefs.ProcessSettings;
import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.conf.parser.Diagnostics;
import io.jkeepalived.conf.parser.Tokenizer;
import io.jkeepalived.conf.parser.ValueReader;

import java.util.List;

/**
 * Gives the global keywords that have no checking handler their typed values, from the lines as
 * recorded, with keepalived's acceptance rules (global_parser.c): a value keepalived rejects leaves the
 * previous value. It reports nothing: what {@code -t} prints for these lines is decided while reading
 * ({@link GlobalKeywords} handlers and the schema's value checks), so typing them cannot change it.
 */
final class GlobalSettings {
    private static final long TIMER_HZ = 1_000_000L;
    private static final long UINT_MAX = 0xffffffffL;
    /** LVS_MAX_TIMEOUT: 31 days. */
    private static final long LVS_MAX_TIMEOUT = 86400L * 31;
    /** IP_VS_IFNAME_MAXLEN. */
    private static final int IP_VS_IFNAME_MAXLEN = 16;
    /** TASK_COMM_LEN - 1: process names are truncated to this. */
    private static final int PROCESS_NAME_MAX = 15;

    private final GlobalDefsBuilder g;
    private final ValueReader values;

    private GlobalSettings(GlobalDefsBuilder g, boolean configTest) {
        this.g = g;
        // a private sink: the messages were already given (or deliberately not) while reading
        this.values = new ValueReader(new Diagnostics(), configTest);
    }

    /** Fills the builder's typed fields from the recorded root settings, in file order. */
    static void apply(GlobalDefsBuilder g, List<Setting> roots, boolean configTest) {
        GlobalSettings s = new GlobalSettings(g, configTest);
        g.resetDerived();
        for (Setting root : roots) {
            if (root.keyword().equals("global_defs")) {
                root.children().forEach(s::globalDefs);
            } else {
                s.root(root);
            }
        }
    }

    private String arg(Setting s, int i) {
        return i < s.args().size() ? s.args().get(i) : null;
    }

    private void root(Setting s) {
        String a = arg(s, 0);
        switch (s.keyword()) {
            case "net_namespace" -> {
                if (a != null && g.netNamespace == null) {
                    g.netNamespace = a;
                    g.usePidDir = true;
                }
            }
            case "net_namespace_ipvs" -> {
                if (g.netNamespaceIpvs == null) {
                    g.netNamespaceIpvs = a == null ? "" : a;
                }
            }
            case "instance" -> {
                if (a != null && g.instanceName == null) {
                    g.instanceName = a;
                    g.usePidDir = true;
                }
            }
            case "use_pid_dir" -> g.usePidDir = true;
            case "namespace_with_ipsets" -> g.namespaceWithIpsets = true;
            case "child_wait_time" -> {
                if (a != null) {
                    var n = values.readUnsigned(a, 0, UINT_MAX, false);
                    if (n.ok()) {
                        g.childWaitTimeSeconds = n.value();
                    }
                }
            }
            default -> {
            }
        }
    }

    /** check_true_false on an optional argument: no argument = {@code dflt}; null = invalid. */
    private static Boolean bool(Setting s, boolean dflt) {
        if (s.args().isEmpty()) {
            return dflt;
        }
        int r = ValueReader.checkTrueFalse(s.args().get(0));
        return r < 0 ? null : r == 1;
    }

    private void globalDefs(Setting s) {
        String a = arg(s, 0);
        String k = s.keyword();
        switch (k) {
            case "notification_email_from" -> {
                if (a != null) {
                    g.notificationEmailFrom = a;
                }
            }
            case "smtp_server" -> smtpServer(s);
            case "smtp_helo_name" -> {
                if (a != null) {
                    g.smtpHeloName = a;
                }
            }
            case "smtp_alert" -> g.smtpAlert = keepIfNull(bool(s, true), g.smtpAlert);
            case "smtp_alert_vrrp" -> g.smtpAlertVrrp = keepIfNull(bool(s, true), g.smtpAlertVrrp);
            case "smtp_alert_checker" -> g.smtpAlertChecker = keepIfNull(bool(s, true), g.smtpAlertChecker);
            case "no_email_faults" -> g.noEmailFaults = true;
            case "checker_log_all_failures" -> g.checkerLogAllFailures = keepIfNull(bool(s, true), g.checkerLogAllFailures);
            case "max_auto_priority" -> {
                if (a == null) {
                    g.maxAutoPriority = io.jkeepalived.conf.model.GlobalDefs.MAX_RT_PRIORITY;
                } else {
                    var n = values.readInt(a, -1, io.jkeepalived.conf.model.GlobalDefs.MAX_RT_PRIORITY, true);
                    if (n.ok()) {
                        g.maxAutoPriority = n.intValue();
                    }
                }
            }
            case "min_auto_priority_delay" -> {
                if (a != null) {
                    var n = values.readInt(a, 1, 10_000_000, true);
                    if (n.ok()) {
                        g.minAutoPriorityDelayMicros = n.intValue();
                    }
                }
            }
            case "dynamic_interfaces" -> {
                g.dynamicInterfaces = true;
                if ("allow_if_changes".equals(a)) {
                    g.dynamicInterfacesAllowIfChanges = true;
                }
            }
            case "lvs_timeouts" -> lvsTimeouts(s);
            case "lvs_flush" -> g.lvsFlush = true;
            case "lvs_flush_on_stop", "lvs_flush_onstop" -> {
                if (a == null) {
                    g.lvsFlushOnStop = FlushOnStop.FULL;
                } else if (a.equals("VS")) {
                    g.lvsFlushOnStop = FlushOnStop.VS;
                }
            }
            case "lvs_sync_daemon" -> lvsSyncDaemon(s);
            case "vrrp_mcast_group4" -> {
                byte[] ip = address(a);
                if (ip != null && ip.length == 4 && multicast(ip)) {
                    g.vrrpMcastGroup4 = stripped(a);
                }
            }
            case "vrrp_mcast_group6" -> {
                byte[] ip = address(a);
                if (ip != null && ip.length == 16 && multicast(ip)) {
                    g.vrrpMcastGroup6 = stripped(a);
                }
            }
            case "vrrp_garp_master_delay" -> unsigned(a, 0, UINT_MAX / TIMER_HZ, true, v -> g.vrrpGarpMasterDelayMicros = v * TIMER_HZ);
            case "vrrp_garp_master_repeat" -> unsigned(a, 0, UINT_MAX, true, v -> g.vrrpGarpMasterRepeat = (int) Math.max(1, Math.min(v, Integer.MAX_VALUE)));
            case "vrrp_garp_master_refresh" -> {
                // an invalid value switches the refresh off
                g.vrrpGarpMasterRefreshMicros = 0;
                unsigned(a, 0, UINT_MAX, true, v -> g.vrrpGarpMasterRefreshMicros = v * TIMER_HZ);
            }
            case "vrrp_garp_master_refresh_repeat" -> unsigned(a, 0, UINT_MAX, true, v -> g.vrrpGarpMasterRefreshRepeat = (int) Math.max(1, Math.min(v, Integer.MAX_VALUE)));
            case "vrrp_garp_lower_prio_delay" -> unsigned(a, 0, UINT_MAX / TIMER_HZ, true, v -> g.vrrpGarpLowerPrioDelayMicros = v * TIMER_HZ);
            case "vrrp_garp_lower_prio_repeat" -> unsigned(a, 0, Integer.MAX_VALUE, true, v -> g.vrrpGarpLowerPrioRepeat = (int) v);
            case "vrrp_down_timer_adverts" -> unsigned(a, 1, 100, true, v -> g.vrrpDownTimerAdverts = (int) v);
            case "vrrp_garp_interval" -> decimal(a, v -> g.vrrpGarpIntervalMicros = v);
            case "vrrp_gna_interval" -> decimal(a, v -> g.vrrpGnaIntervalMicros = v);
            case "vrrp_min_garp" -> minGarp(s);
            case "vrrp_lower_prio_no_advert" -> g.vrrpLowerPrioNoAdvert = keepIfNull(bool(s, true), g.vrrpLowerPrioNoAdvert);
            case "vrrp_higher_prio_send_advert" -> g.vrrpHigherPrioSendAdvert = keepIfNull(bool(s, true), g.vrrpHigherPrioSendAdvert);
            case "vrrp_notify_priority_changes" -> g.vrrpNotifyPriorityChanges = keepIfNull(bool(s, true), g.vrrpNotifyPriorityChanges);
            case "vrrp_iptables" -> {
                // keepalived 2.2.7 built with nftables only (Debian) uses nftables table "keepalived" instead
                if (g.vrrpIptablesIn == null) {
                    g.vrrpIptablesIn = a == null ? "INPUT" : a;
                    g.vrrpIptablesOut = a == null ? "OUTPUT" : arg(s, 1);
                }
                g.nftablesTable = "keepalived";
                g.nftablesPriority = null;
            }
            case "nftables" -> {
                if (g.nftablesTable == null) {
                    g.nftablesTable = a == null ? "keepalived" : a;
                }
            }
            case "nftables_priority" -> {
                if (a != null) {
                    var n = values.readInt(a, Integer.MIN_VALUE, Integer.MAX_VALUE, false);
                    if (n.ok()) {
                        g.nftablesPriority = n.intValue();
                    }
                }
            }
            case "vrrp_check_unicast_src" -> g.vrrpCheckUnicastSrc = true;
            case "vrrp_skip_check_adv_addr" -> g.vrrpSkipCheckAdvAddr = true;
            case "vrrp_strict" -> g.vrrpStrict = true;
            case "vrrp_priority", "checker_priority", "bfd_priority" -> process(k, p -> {
                int prio = 0;
                if (a != null) {
                    var n = values.readInt(a, -20, 19, true);
                    prio = n.ok() ? n.intValue() : 0;
                }
                return new ProcessSettings(prio, p.noSwap(), p.rtPriority(), p.rlimitRttimeMicros());
            });
            case "vrrp_no_swap", "checker_no_swap", "bfd_no_swap" ->
                    process(k, p -> new ProcessSettings(p.priority(), true, p.rtPriority(), p.rlimitRttimeMicros()));
            case "vrrp_rt_priority", "checker_rt_priority", "bfd_rt_priority" -> process(k, p -> {
                if (a == null) {
                    return p;
                }
                var n = values.readInt(a, Integer.MIN_VALUE, Integer.MAX_VALUE, true);
                if (!n.ok()) {
                    return p;
                }
                int rt = Math.max(1, Math.min(io.jkeepalived.conf.model.GlobalDefs.MAX_RT_PRIORITY, n.intValue()));
                return new ProcessSettings(p.priority(), p.noSwap(), rt, p.rlimitRttimeMicros());
            });
            case "vrrp_rlimit_rttime", "checker_rlimit_rttime", "bfd_rlimit_rttime",
                    "vrrp_rlimit_rtime", "checker_rlimit_rtime", "bfd_rlimit_rtime" -> process(k, p -> {
                        long limit = 0; // keepalived stores 0 for an invalid value
                        if (a != null) {
                            var n = values.readUnsigned(a, 1, UINT_MAX, true);
                            limit = n.ok() ? Math.max(2, n.value()) : 0;
                        }
                        return new ProcessSettings(p.priority(), p.noSwap(), p.rtPriority(), limit);
                    });
            case "process_names" -> {
                g.vrrpProcessName = "keepalived_vrrp";
                g.checkerProcessName = "keepalived_lvs";
                g.bfdProcessName = "keepalived_bfd";
            }
            case "vrrp_process_name" -> g.vrrpProcessName = processName(a, g.vrrpProcessName);
            case "checker_process_name", "lvs_process_name" -> g.checkerProcessName = processName(a, g.checkerProcessName);
            case "bfd_process_name" -> g.bfdProcessName = processName(a, g.bfdProcessName);
            case "enable_traps" -> g.enableTraps = true;
            case "vrrp_startup_delay" -> {
                if (a != null) {
                    var n = values.readDecimal(a, TIMER_HZ / 1000, UINT_MAX, 6, true);
                    if (n.ok()) {
                        g.vrrpStartupDelayMicros = n.value();
                    }
                }
            }
            case "notify_fifo" -> g.notifyFifo = fifo(s, g.notifyFifo);
            case "vrrp_notify_fifo" -> g.vrrpNotifyFifo = fifo(s, g.vrrpNotifyFifo);
            case "lvs_notify_fifo" -> g.lvsNotifyFifo = fifo(s, g.lvsNotifyFifo);
            case "notify_fifo_script" -> g.notifyFifoScript = fifoScript(s, g.notifyFifoScript);
            case "vrrp_notify_fifo_script" -> g.vrrpNotifyFifoScript = fifoScript(s, g.vrrpNotifyFifoScript);
            case "lvs_notify_fifo_script" -> g.lvsNotifyFifoScript = fifoScript(s, g.lvsNotifyFifoScript);
            case "fifo_write_vrrp_states_on_reload" -> g.fifoWriteVrrpStatesOnReload = true;
            default -> {
            }
        }
    }

    /** The first {@code *notify_fifo FIFO [USER [GROUP]]} wins; user and group as written. */
    private static String[] fifo(Setting s, String[] previous) {
        if (previous[0] != null || s.args().isEmpty()) {
            return previous;
        }
        List<String> w = s.args();
        return new String[] {w.get(0), w.size() > 1 ? w.get(1) : null, w.size() > 2 ? w.get(2) : null};
    }

    /** The first {@code *notify_fifo_script} wins; its command line split as keepalived splits scripts. */
    private static List<String> fifoScript(Setting s, List<String> previous) {
        if (!previous.isEmpty() || s.args().isEmpty()) {
            return previous;
        }
        List<String> args = Tokenizer.quotedEscaped(s.args().get(0), new Diagnostics());
        return args == null ? previous : List.copyOf(args);
    }

    /**
     * An address as keepalived's inet_stosockaddr reads it: the family from a ':', anything from a '-'
     * or '/' on ignored (ranges and masks); null if it is not a literal of that family.
     */
    static byte[] address(String s) {
        if (s == null) {
            return null;
        }
        String ip = stripped(s);
        return InetText.looksLike6(s) ? InetText.parse6(ip) : InetText.parse4(ip);
    }

    private static String stripped(String s) {
        int cut = s.indexOf('-');
        if (cut < 0) {
            cut = s.indexOf('/');
        }
        return cut < 0 ? s : s.substring(0, cut);
    }

    static boolean multicast(byte[] ip) {
        return ip.length == 4 ? (ip[0] & 0xf0) == 0xe0 : (ip[0] & 0xff) == 0xff;
    }

    private static <T> T keepIfNull(T value, T previous) {
        return value == null ? previous : value;
    }

    private static String processName(String a, String previous) {
        if (a == null) {
            return previous;
        }
        return a.length() > PROCESS_NAME_MAX ? a.substring(0, PROCESS_NAME_MAX) : a;
    }

    private void process(String keyword, java.util.function.UnaryOperator<ProcessSettings> change) {
        if (keyword.startsWith("vrrp_")) {
            g.vrrpProcess = change.apply(g.vrrpProcess);
        } else if (keyword.startsWith("checker_")) {
            g.checkerProcess = change.apply(g.checkerProcess);
        } else {
            g.bfdProcess = change.apply(g.bfdProcess);
        }
    }

    private void unsigned(String a, long min, long max, boolean ignoreError, java.util.function.LongConsumer set) {
        if (a == null) {
            return;
        }
        var n = values.readUnsigned(a, min, max, ignoreError);
        if (n.ok()) {
            set.accept(n.value());
        }
    }

    private void decimal(String a, java.util.function.LongConsumer set) {
        if (a == null) {
            return;
        }
        var n = values.readDecimal(a, 1, UINT_MAX, 6, true);
        if (n.ok()) {
            set.accept(n.value());
        }
    }

    /** vrrp_min_garp: one gratuitous ARP, no repeats, no delay — for the values still at their defaults. */
    private void minGarp(Setting s) {
        Boolean on = bool(s, true);
        if (on == null || !on) {
            return;
        }
        g.vrrpMinGarp = true;
        if (g.vrrpGarpMasterRepeat == 5) {
            g.vrrpGarpMasterRepeat = 1;
        }
        if (g.vrrpGarpMasterRefreshRepeat == 1) {
            g.vrrpGarpMasterRefreshRepeat = 0;
        }
        if (g.vrrpGarpMasterDelayMicros == 5 * TIMER_HZ) {
            g.vrrpGarpMasterDelayMicros = 0;
        }
    }

    private void smtpServer(Setting s) {
        String host = arg(s, 0);
        if (host == null) {
            return;
        }
        if ((host.indexOf('-') >= 0 || host.indexOf('/') >= 0) && address(host) != null) {
            return; // an address with a range or mask: keepalived cannot use it
        }
        int port = io.jkeepalived.conf.model.GlobalDefs.SMTP_PORT;
        String p = arg(s, 1);
        if (p != null) {
            var n = values.readUnsigned(p, 1, 65535, false);
            if (!n.ok()) {
                return; // keepalived cannot make an address of it: "Invalid smtp server"
            }
            port = n.intValue();
        }
        g.smtpServer = host;
        g.smtpServerPort = port;
    }

    private void lvsTimeouts(Setting s) {
        List<String> w = s.args();
        if (w.size() < 2) {
            return;
        }
        for (int i = 0; i < w.size(); i++) {
            String opt = w.get(i);
            if (!opt.equals("tcp") && !opt.equals("tcpfin") && !opt.equals("udp")) {
                continue;
            }
            if (i == w.size() - 1) {
                continue;
            }
            var n = values.readUnsigned(w.get(i + 1), 0, LVS_MAX_TIMEOUT, false);
            i++;
            if (!n.ok()) {
                continue;
            }
            switch (opt) {
                case "tcp" -> g.lvsTimeoutTcp = n.value();
                case "tcpfin" -> g.lvsTimeoutTcpFin = n.value();
                default -> g.lvsTimeoutUdp = n.value();
            }
        }
    }

    private void lvsSyncDaemon(Setting s) {
        List<String> w = s.args();
        if (g.lvsSyncDaemonInterface != null || w.isEmpty() || w.get(0).length() >= IP_VS_IFNAME_MAXLEN) {
            return;
        }
        String ifname = w.get(0);
        String inst = null;
        int id = -1;
        int maxLen = 0;
        int port = 0;
        int ttl = 0;
        String group = null;
        // the indexes below are keepalived's strvec indexes (the keyword is 0)
        for (int i = 2; i <= w.size(); i++) {
            String opt = w.get(i - 1);
            boolean last = i == w.size();
            String val = last ? null : w.get(i);
            switch (opt) {
                case "inst" -> {
                    if (inst == null && val != null) {
                        inst = val;
                    }
                    i++;
                    continue;
                }
                case "id" -> {
                    if (!last) {
                        var n = values.readUnsigned(val, 0, 255, false);
                        if (n.ok()) {
                            id = n.intValue();
                        }
                        i++;
                    }
                    continue;
                }
                case "maxlen", "port", "ttl" -> {
                    if (!last) {
                        long max = opt.equals("maxlen") ? 65535 - 20 - 8 : opt.equals("port") ? 65535 : 255;
                        var n = values.readUnsigned(val, 1, max, false);
                        if (n.ok()) {
                            switch (opt) {
                                case "maxlen" -> maxLen = n.intValue();
                                case "port" -> port = n.intValue();
                                default -> ttl = n.intValue();
                            }
                        }
                        i++;
                    }
                    continue;
                }
                case "group" -> {
                    if (!last) {
                        byte[] ip = address(val);
                        if (ip != null && multicast(ip)) {
                            group = stripped(val);
                        }
                        i++;
                    }
                    continue;
                }
                default -> {
                }
            }
            // the old form: lvs_sync_daemon IF VRRP_INSTANCE [SYNC_ID]
            if (i == 2) {
                inst = opt;
            } else if (i == 3) {
                var n = values.readUnsigned(opt, 0, 255, false);
                if (n.ok()) {
                    id = n.intValue();
                }
            }
        }
        g.lvsSyncDaemonInterface = ifname;
        g.lvsSyncDaemonInstance = inst;
        g.lvsSyncDaemon = new LvsSyncDaemon(ifname, inst, id, maxLen, port, ttl, group);
    }
}
