package io.jkeepalived.conf.global;

import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.ValueReader;
import io.jkeepalived.conf.parser.Words;
import io.jkeepalived.conf.schema.SchemaTables;

import java.util.List;

/**
 * keepalived's checks, and messages, for the global keywords whose values {@link GlobalSettings} types
 * (global_parser.c, keepalived 2.2.7 as Debian builds it: nftables, no iptables). The handlers only
 * report; the values are typed from the recorded lines at the end of the parent's reading.
 */
final class GlobalChecks {
    private static final long UINT_MAX = 0xffffffffL;
    /** LVS_MAX_TIMEOUT: 31 days. */
    private static final long LVS_MAX_TIMEOUT = 86400L * 31;
    private static final int MAX_RT_PRIORITY = 99;
    private static final int MIN_RT_PRIORITY = 1;

    private GlobalChecks() {
    }

    static void install(SchemaTables.Bindings on, String p, ParseContext ctx) {
        // state of the parent's reading that later lines are checked against
        String[] syncd = new String[2]; // lvs_sync_daemon interface and instance
        boolean[] nftables = new boolean[1];
        on.on(p + "notification_email_from", w -> {
            if (w.size() < 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "emailfrom missing - ignoring");
            }
        });
        on.on(p + "smtp_server", w -> smtpServer(ctx, w));
        for (String k : List.of("smtp_alert", "smtp_alert_vrrp", "smtp_alert_checker", "vrrp_notify_priority_changes")) {
            on.on(p + k, w -> {
                if (w.size() >= 2 && ValueReader.checkTrueFalse(w.word(1)) < 0) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Invalid value '%s' for global %s specified", w.word(1), k);
                }
            });
        }
        for (String k : List.of("checker_log_all_failures", "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert",
                "vrrp_min_garp")) {
            on.on(p + k, w -> {
                if (w.size() >= 2 && ValueReader.checkTrueFalse(w.word(1)) < 0) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Invalid value for %s specified", k);
                }
            });
        }
        on.on(p + "max_auto_priority", w -> {
            if (w.size() >= 2 && !ctx.values().readInt(w.word(1), -1, MAX_RT_PRIORITY, true).ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "max_auto_priority '%s' must be in [0, %d] (or -1 to disable) - ignoring",
                        w.word(1), MAX_RT_PRIORITY);
            }
        });
        on.on(p + "dynamic_interfaces", w -> {
            if (w.size() >= 2 && !w.word(1).equals("allow_if_changes")) {
                ctx.error(ConfigError.GENERAL_ERROR, "Unknown dynamic_interfaces option '%s'", w.word(1));
            }
        });
        on.on(List.of(p + "lvs_flush_on_stop", p + "lvs_flush_onstop"), w -> {
            if (w.size() > 1 && !w.word(1).equals("VS")) {
                ctx.error(ConfigError.GENERAL_ERROR, "Unknown lvs_flush_on_stop type %s", w.word(1));
            }
        });
        on.on(p + "lvs_timeouts", w -> lvsTimeouts(ctx, w));
        on.on(p + "lvs_sync_daemon", w -> lvsSyncDaemon(ctx, w, syncd));
        on.on(p + "vrrp_mcast_group4", w -> mcastGroup(ctx, w, false));
        on.on(p + "vrrp_mcast_group6", w -> mcastGroup(ctx, w, true));
        on.on(p + "vrrp_iptables", w -> {
            ctx.error(ConfigError.GENERAL_ERROR, "iptables not supported, using nftables instead. Please replace "
                    + "'vrrp_iptables and 'vrrp_ipsets' with 'nftables' config option");
            nftables[0] = true;
        });
        on.on(p + "nftables", w -> {
            if (nftables[0]) {
                ctx.error(ConfigError.GENERAL_ERROR, "nftables already specified - ignoring");
                return;
            }
            nftables[0] = true;
        });
        on.on(p + "nftables_priority", w -> {
            if (!ctx.values().readInt(w.word(1), Integer.MIN_VALUE, Integer.MAX_VALUE, false).ok()) {
                ctx.error(ConfigError.INVALID_NUMBER, "invalid nftables chain priority '%s'", w.word(1));
            }
        });
        for (String proc : List.of("vrrp", "checker", "bfd")) {
            on.on(p + proc + "_priority", w -> {
                if (w.size() < 2) {
                    ctx.error(ConfigError.GENERAL_ERROR, "No %s process priority specified", proc);
                } else if (!ctx.values().readInt(w.word(1), -20, 19, true).ok()) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Invalid %s process priority specified", proc);
                }
            });
            on.on(p + proc + "_rt_priority", w -> rtPriority(ctx, w, proc));
        }
        on.on("child_wait_time", w -> {
            if (!ctx.values().readUnsigned(w.word(1), 0, UINT_MAX, false).ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid child_wait_time %s", w.word(1));
            }
        });
    }

    private static void rtPriority(ParseContext ctx, Words w, String proc) {
        if (w.size() < 2) {
            ctx.error(ConfigError.GENERAL_ERROR, "No %s process real-time priority specified", proc);
            return;
        }
        var n = ctx.values().readInt(w.word(1), Integer.MIN_VALUE, Integer.MAX_VALUE, true);
        if (!n.ok()) {
            ctx.error(ConfigError.GENERAL_ERROR, "%s process real-time priority '%s' invalid", proc, w.word(1));
        } else if (n.intValue() < MIN_RT_PRIORITY) {
            ctx.error(ConfigError.GENERAL_ERROR, "%s process real-time priority %d less than minimum %d - setting to minimum",
                    proc, n.intValue(), MIN_RT_PRIORITY);
        } else if (n.intValue() > MAX_RT_PRIORITY) {
            ctx.error(ConfigError.GENERAL_ERROR, "%s process real-time priority %d greater than maximum %d - setting to maximum",
                    proc, n.intValue(), MAX_RT_PRIORITY);
        }
    }

    /**
     * smtp_server: keepalived reads the port once for the address literal and again for the name lookup.
     * A host name is looked up at run time only; an IP literal with a valid port is accepted.
     */
    private static void smtpServer(ParseContext ctx, Words w) {
        String host = w.word(1);
        String port = w.size() >= 3 ? w.word(2) : "25";
        boolean literal = host.indexOf('-') < 0 && host.indexOf('/') < 0;
        if (literal && ctx.values().readUnsigned(port, 1, 65535, true).ok() && GlobalSettings.address(host) != null) {
            return;
        }
        // the name lookup reads the port again; with a valid port only the lookup itself can fail, which
        // is certain for an address with a range or mask (keepalived does not take it as a literal)
        boolean portOk = ctx.values().readUnsigned(port, 1, 65535, true).ok();
        if (!portOk || (!literal && GlobalSettings.address(host) != null)) {
            ctx.error(ConfigError.GENERAL_ERROR, "Invalid smtp server %s %s", host, port);
        }
    }

    private static void mcastGroup(ParseContext ctx, Words w, boolean v6) {
        String kw = v6 ? "vrrp_mcast_group6" : "vrrp_mcast_group4";
        String a = w.word(1);
        byte[] ip = GlobalSettings.address(a);
        if (ip == null) {
            ctx.error(ConfigError.GENERAL_ERROR, "Can't parse %s [%s]. Skipping", kw, a);
        } else if ((ip.length == 16) != v6) {
            ctx.error(ConfigError.GENERAL_ERROR, "%s [%s] is not %s. Skipping", kw, a, v6 ? "IPv6" : "IPv4");
        } else if (!GlobalSettings.multicast(ip)) {
            ctx.error(ConfigError.GENERAL_ERROR, "%s [%s] is not multicast. Skipping", kw, a);
        } else if (v6 && (ip[1] & 0x0f) != 0x02) {
            ctx.error(ConfigError.WARNING, "%s [%s] should be link-local multicast.", kw, a);
        }
    }

    private static void lvsTimeouts(ParseContext ctx, Words w) {
        if (w.size() < 3) {
            ctx.error(ConfigError.GENERAL_ERROR, "lvs_timeouts requires at least one option");
            return;
        }
        for (int i = 1; i < w.size(); i++) {
            String opt = w.word(i);
            if (opt.equals("tcp") || opt.equals("tcpfin") || opt.equals("udp")) {
                if (i == w.size() - 1) {
                    ctx.error(ConfigError.GENERAL_ERROR, "No value specified for lvs_timeout %s - ignoring", opt);
                    continue;
                }
                if (!ctx.values().readUnsigned(w.word(i + 1), 0, LVS_MAX_TIMEOUT, false).ok()) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Invalid lvs_timeout %s (%s) - ignoring", opt, w.word(i + 1));
                }
                i++;
                continue;
            }
            ctx.error(ConfigError.GENERAL_ERROR, "Unknown option %s specified for lvs_timeouts", opt);
        }
    }

    private static void lvsSyncDaemon(ParseContext ctx, Words w, String[] syncd) {
        if (syncd[0] != null) {
            ctx.error(ConfigError.GENERAL_ERROR, "lvs_sync_daemon has already been specified as %s %s - ignoring",
                    syncd[0], syncd[1] == null ? "" : syncd[1]);
            return;
        }
        if (w.size() < 2) {
            ctx.error(ConfigError.GENERAL_ERROR, "lvs_sync_daemon requires interface");
            return;
        }
        if (w.word(1).length() >= 16) {
            ctx.error(ConfigError.GENERAL_ERROR, "lvs_sync_daemon interface name '%s' too long - ignoring", w.word(1));
            return;
        }
        syncd[0] = w.word(1);
        for (int i = 2; i < w.size(); i++) {
            String opt = w.word(i);
            boolean last = i == w.size() - 1;
            switch (opt) {
                case "inst" -> {
                    if (syncd[1] != null) {
                        ctx.error(ConfigError.GENERAL_ERROR, "lvs_sync_daemon vrrp instance has already been specified as %s - ignoring", syncd[1]);
                    } else {
                        syncd[1] = w.word(i + 1);
                    }
                    i++;
                    continue;
                }
                case "id" -> {
                    if (last) {
                        ctx.error(ConfigError.GENERAL_ERROR, "No value specified for lvs_sync_daemon id, defaulting to vrid");
                        continue;
                    }
                    if (!ctx.values().readUnsigned(w.word(i + 1), 0, 255, false).ok()) {
                        ctx.error(ConfigError.GENERAL_ERROR, "Invalid syncid (%s) - defaulting to vrid", w.word(i + 1));
                    }
                    i++;
                    continue;
                }
                case "maxlen", "port", "ttl" -> {
                    if (last) {
                        ctx.error(ConfigError.GENERAL_ERROR, "No value specified for lvs_sync_daemon %s - ignoring", opt);
                        continue;
                    }
                    long max = opt.equals("maxlen") ? 65535 - 20 - 8 : opt.equals("port") ? 65535 : 255;
                    if (!ctx.values().readUnsigned(w.word(i + 1), 1, max, false).ok()) {
                        ctx.error(ConfigError.GENERAL_ERROR, "Invalid lvs_sync_daemon %s (%s) - ignoring", opt, w.word(i + 1));
                    }
                    i++;
                    continue;
                }
                case "group" -> {
                    if (last) {
                        ctx.error(ConfigError.GENERAL_ERROR, "No value specified for lvs_sync_daemon group - ignoring");
                        continue;
                    }
                    byte[] ip = GlobalSettings.address(w.word(i + 1));
                    if (ip == null) {
                        ctx.error(ConfigError.GENERAL_ERROR, "Invalid lvs_sync_daemon group (%s) - ignoring", w.word(i + 1));
                    } else if (!GlobalSettings.multicast(ip)) {
                        ctx.error(ConfigError.GENERAL_ERROR, "lvs_sync_daemon group address %s is not multicast - ignoring", w.word(i + 1));
                    }
                    i++;
                    continue;
                }
                default -> {
                }
            }
            if (i == 2) {
                syncd[1] = opt;
            } else if (i == 3) {
                if (!ctx.values().readUnsigned(opt, 0, 255, false).ok()) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Invalid syncid (%s) - defaulting to vrid", opt);
                } else {
                    ctx.error(ConfigError.GENERAL_ERROR, "Please use keyword \"id\" before lvs_sync_daemon SYNCID");
                }
            } else {
                ctx.error(ConfigError.GENERAL_ERROR, "Unknown option %s specified for lvs_sync_daemon", opt);
            }
        }
    }
}
