package io.jkeepalived.conf.check;

import io.jkeepalived.conf.ConfigBuilder;
import io.jkeepalived.conf.KeywordFamily;
import io.jkeepalived.conf.Phase;
import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.model.check.ForwardingMethod;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.conf.model.check.VirtualServerGroup;
import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.KeywordTable;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Recorder.Block;
import io.jkeepalived.conf.parser.Words;
import io.jkeepalived.conf.schema.SchemaTables;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * keepalived's checker/LVS keywords (check_parser.c and the check_*.c checkers) and the checker
 * process's end-of-reading checks ({@code validate_check_config}).
 */
public final class CheckKeywords implements KeywordFamily {
    private static final Set<String> SCHEDULERS =
            Set.of("rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf", "lblcr", "sed", "nq", "twos");

    private static final long UINT_MAX = 0xffffffffL;
    private static final int IPVS_WEIGHT_LIMIT = Integer.MAX_VALUE;
    private static final long LVS_MAX_TIMEOUT = 86400L * 31;

    /**
     * The real_server line each reading is in, for the checkers below it. This family is one instance shared
     * by every reading, so the line is kept per reading (weakly, so nothing outlives it), not in a field.
     */
    private static final java.util.Map<ParseContext, Words> REAL_SERVER_LINE =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    @Override
    public void install(KeywordTable root, boolean active, ParseContext ctx, ConfigBuilder b) {
        SchemaTables.Bindings on = new SchemaTables.Bindings();
        String vs = "virtual_server/";
        on.on(List.of(vs + "lb_algo", vs + "lvs_sched"), w -> {
            String s = w.word(1);
            if (!SCHEDULERS.contains(s)) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid lvs_scheduler '%s' - ignoring", s);
                return;
            }
            ctx.recorder().fact("sched", s);
            if (cur(ctx) != null) {
                cur(ctx).sched = s;
            }
        });
        on.on(List.of(vs + "lb_kind", vs + "lvs_method"), w -> {
            if (forwarding(ctx, w, "virtual", "fwd") && cur(ctx) != null) {
                cur(ctx).fwd = w.word(1);
            }
        });
        on.on(vs + "real_server/lvs_method", w -> {
            if (forwarding(ctx, w, "real", "fwd") && cur(ctx) != null && curRs(ctx) != null) {
                curRs(ctx).fwd = w.word(1);
            }
        });
        on.on(vs + "sorry_server_lvs_method", w -> {
            if (cur(ctx) == null || cur(ctx).sorry == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "sorry_server forwarding used without sorry_server");
            } else if (forwarding(ctx, w, "sorry", "sorryFwd")) {
                cur(ctx).sorry.fwd = w.word(1);
            }
        });
        on.on(vs + "sorry_server_inhibit", w -> {
            if (cur(ctx) == null || cur(ctx).sorry == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "Ignoring sorry_server inhibit used before or without sorry_server");
            } else {
                cur(ctx).sorry.inhibit = true;
            }
        });
        on.on(vs + "ip_family", w -> {
            String f = w.word(1);
            int af;
            if (f.equals("inet")) {
                af = 4;
            } else if (f.equals("inet6")) {
                af = 6;
            } else {
                ctx.error(ConfigError.GENERAL_ERROR, "unknown address family %s", f);
                return;
            }
            if (cur(ctx) == null) {
                return;
            }
            if (cur(ctx).af != 0 && cur(ctx).af != af) {
                ctx.error(ConfigError.GENERAL_ERROR, "Virtual server specified family %s conflicts with server family", f);
                return;
            }
            cur(ctx).af = af;
        });
        on.on(vs + "persistence_granularity", w -> {
            String g = w.word(1);
            int af = cur(ctx) == null ? 0 : cur(ctx).af;
            if (af == 0) {
                af = g.indexOf('.') >= 0 ? 4 : 6;
            }
            if (af == 6) {
                if (!ctx.values().readUnsigned(g, 1, 128, false).ok()) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Invalid IPv6 persistence_granularity specified - %s", g);
                    return;
                }
            } else if (!inetAton(g)) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid IPv4 persistence_granularity specified - %s", g);
                return;
            }
            if (cur(ctx) != null) {
                if (cur(ctx).af == 0) {
                    cur(ctx).af = af;
                }
                if (cur(ctx).persistence == 0) {
                    cur(ctx).persistence = 6 * 60L;
                    ctx.recorder().fact("persistence", 6 * 60L);
                }
            }
        });
        on.on(List.of(vs + "hashed", vs + "ops", vs + "flag-1", vs + "flag-2", vs + "flag-3", vs + "sh-port", vs + "sh-fallback",
                vs + "mh-port", vs + "mh-fallback"), w -> {
            // keepalived's lbflags_handler: the sh/mh flags are checked against the scheduler set so far
            String f = w.word(0);
            if (f.equals("ops")) {
                if (cur(ctx) != null) {
                    cur(ctx).ops = true;
                }
            } else if (!f.startsWith("flag-")) {
                String sched = cur(ctx) == null ? null : cur(ctx).sched;
                if (!"sh".equals(sched) && !"mh".equals(sched)) {
                    ctx.error(ConfigError.GENERAL_ERROR, "%s only applies to sh scheduler - ignoring", f);
                }
            }
        });
        on.on(vs + "persistence_engine", w -> {
            // the kernel's IP_VS_PENAME_MAXLEN
            if (w.word(1).length() > 16) {
                ctx.error(ConfigError.GENERAL_ERROR, "persistence_name too long, truncating - %s", w.word(1));
            }
        });
        on.on(vs + "snmp_name", w -> {
            if (w.size() != 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "virtual server snmp_name missing or extra parameters");
            }
        });
        on.on(vs + "real_server/snmp_name", w -> {
            if (w.size() != 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "real server snmp_name missing or extra parameters");
            }
        });
        on.on(vs + "virtualhost", w -> {
            if (w.size() < 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "virtual server virtualhost missing");
                return;
            }
            // a later line replaces the value (vs_virtualhost_handler)
            ctx.recorder().fact("virtualhost", w.word(1));
        });
        on.on(vs + "real_server/virtualhost", w -> {
            if (w.size() < 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "real server virtualhost missing");
                return;
            }
            ctx.recorder().fact("virtualhost", w.word(1));
        });
        on.on(vs + "ha_suspend", w -> {
            if (cur(ctx) != null) {
                cur(ctx).haSuspend = true;
            }
        });
        on.on(vs + "inhibit_on_failure", w -> {
            if (cur(ctx) != null) {
                cur(ctx).inhibit = true;
            }
        });
        on.on(vs + "real_server/inhibit_on_failure", w -> {
            Boolean set = flag(ctx, w, "Invalid inhibit_on_failure parameter %s");
            if (set != null && curRs(ctx) != null) {
                curRs(ctx).inhibit = set;
            }
        });
        on.on(vs + "real_server/alpha", w -> flag(ctx, w, "Invalid alpha parameter %s"));
        on.on(vs + "real_server/smtp_alert", w -> flag(ctx, w, "Invalid real_server smtp_alert parameter %s"));
        on.on(vs + "smtp_alert", w -> flag(ctx, w, "Invalid virtual_server smtp_alert parameter %s"));
        // the first script of each kind is kept; keepalived names the group, or "(null)" for a server by address
        for (String script : List.of("quorum_up", "quorum_down", "real_server/notify_up", "real_server/notify_down")) {
            String name = script.substring(script.indexOf('/') + 1);
            on.on(vs + script, w -> {
                if (ctx.recorder().currentFact("script:" + name) != null) {
                    LvsState.Vs v = cur(ctx);
                    ctx.error(ConfigError.GENERAL_ERROR, "(%s) %s script already specified - ignoring %s",
                            v == null || v.group == null ? "(null)" : v.group, name, w.word(1));
                    return;
                }
                ctx.recorder().fact("script:" + name, true);
            });
        }
        on.close(vs + "real_server", () -> {
            LvsState.Server rs = curRs(ctx);
            if (rs != null) {
                LvsValidation.realServerEnd(ctx, rs.vs, rs);
            }
        });
        on.close("virtual_server", () -> {
            if (ctx.recorder().currentFact("lvs") instanceof LvsState.Vs v) {
                LvsValidation.virtualServerEnd(ctx, v);
            }
        });
        on.on(vs + "protocol", w -> {
            String s = w.word(1);
            if (s.equalsIgnoreCase("TCP") || s.equalsIgnoreCase("UDP") || s.equalsIgnoreCase("SCTP")) {
                ctx.recorder().fact("protocol", s.toUpperCase(java.util.Locale.ROOT));
                if (cur(ctx) != null) {
                    cur(ctx).protocol = s.toUpperCase(java.util.Locale.ROOT);
                }
            } else {
                ctx.error(ConfigError.GENERAL_ERROR, "Unknown protocol %s - ignoring", s);
            }
        });
        on.on("virtual_server", w -> {
            String p1 = w.word(1);
            String p2 = w.wordOrNull(2);
            READING.remove(ctx);
            if (p1.equals("group")) {
                newVs(ctx, new LvsState.Vs("group", null, p2, null));
                return;
            }
            if (p1.equals("fwmark")) {
                var n = ctx.values().readUnsigned(p2 == null ? "" : p2, 0, 0xffffffffL, true);
                if (!n.ok()) {
                    ctx.error(ConfigError.GENERAL_ERROR, "virtual server fwmark '%s' must be in [0, %d] - ignoring", p2, 0xffffffffL);
                    ctx.recorder().lineFact("rejected", true);
                    ctx.skipBlock(true);
                    return;
                }
                newVs(ctx, new LvsState.Vs("fwmark", null, null, Long.toString(n.value())));
                return;
            }
            String port = nonZero(p2);
            if (!socketAddress(ctx, p1, port)) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid virtual server IP address%s %s%s%s - skipping",
                        port != null ? "/port" : "", p1, port != null ? "/" : "", port != null ? port : "");
                ctx.recorder().lineFact("rejected", true);
                ctx.skipBlock(true);
                return;
            }
            newVs(ctx, new LvsState.Vs("addr", LvsState.Address.of(p1, port), null, null));
        });
        on.on(vs + "sorry_server", w -> {
            String ip = w.word(1);
            String port = nonZero(w.wordOrNull(2));
            if (!socketAddress(ctx, ip, port)) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid sorry server IP address %s - skipping", ip);
            } else if (cur(ctx) != null) {
                cur(ctx).sorry = new LvsState.Server(cur(ctx), LvsState.Address.of(ip, port), cur(ctx).fwd);
            }
        });
        on.on(vs + "real_server", w -> {
            REAL_SERVER_LINE.put(ctx, w);
            String ip = w.word(1);
            String port = w.wordOrNull(2);
            if (!socketAddress(ctx, ip, nonZero(port))) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid real server ip address/port %s/%s - skipping", ip, port == null ? "(null)" : port);
                ctx.recorder().lineFact("rejected", true);
                ctx.skipBlock(true);
                return;
            }
            LvsState.Vs v = READING.get(ctx);
            if (v != null) {
                LvsState.Server rs = new LvsState.Server(v, LvsState.Address.of(ip, nonZero(port)), v.fwd);
                v.reals.add(rs);
                ctx.recorder().lineFact("lvs", rs);
            }
        });
        on.on(vs + "quorum", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 1, UINT_MAX, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Quorum %s must be in [1, %d]. Setting to 1.", w.word(1), UINT_MAX);
            }
            ctx.recorder().fact("quorum", n.ok() ? n.value() : 1L);
            if (cur(ctx) != null) {
                cur(ctx).quorum = n.ok() ? n.value() : 1L;
            }
        });
        on.on(vs + "hysteresis", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 0, UINT_MAX, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Hysteresis %s must be in [0, %d] - ignoring", w.word(1), UINT_MAX);
                return;
            }
            ctx.recorder().fact("hysteresis", n.value());
            if (cur(ctx) != null) {
                cur(ctx).hysteresis = n.value();
            }
        });
        on.on(vs + "weight", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 1, IPVS_WEIGHT_LIMIT, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Virtual server weight %s is outside range 1-%d", w.word(1), IPVS_WEIGHT_LIMIT);
            } else if (cur(ctx) != null) {
                cur(ctx).weight = n.value();
            }
        });
        on.on(vs + "real_server/weight", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 0, IPVS_WEIGHT_LIMIT, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Real server weight %s is outside range 0-%d", w.word(1), IPVS_WEIGHT_LIMIT);
                return;
            }
            ctx.recorder().fact("weight", n.intValue());
            if (cur(ctx) != null && curRs(ctx) != null) {
                curRs(ctx).weight = n.value();
            }
        });
        on.on(vs + "persistence_timeout", w -> {
            if (w.size() < 2) {
                ctx.recorder().fact("persistence", 6 * 60L);
                if (cur(ctx) != null) {
                    cur(ctx).persistence = 6 * 60L;
                }
                return;
            }
            var n = ctx.values().readUnsigned(w.word(1), 1, LVS_MAX_TIMEOUT, false);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "persistence_timeout invalid");
                return;
            }
            ctx.recorder().fact("persistence", n.value());
            if (cur(ctx) != null) {
                cur(ctx).persistence = n.value();
            }
        });
        on.on("virtual_server_group", w -> {
            // keepalived hands the value-block reader the line without the group's name and with an
            // empty first word, so a missing '{' makes it abort with "missing a parameter" (exit 2)
            List<String> rest = new ArrayList<>();
            rest.add(null);
            rest.addAll(w.from(2));
            LvsState.Group g = new LvsState.Group(w.word(1));
            ctx.valueBlock(new Words(rest, w.raw(), ctx.diag()), line -> LvsValidation.groupEntry(ctx, g, line));
            if (g.ranges.isEmpty() && g.fwmarks.isEmpty()) {
                ctx.error(ConfigError.GENERAL_ERROR, "virtual server group %s has no entries - removing", g.name);
            } else if (g.have4 && g.have6 && g.fwmarkNoFamily) {
                ctx.error(ConfigError.GENERAL_ERROR, "virtual server group %s cannot have IPv4, IPv6 and fwmark without family - removing", g.name);
            } else {
                ctx.recorder().lineFact("lvsg", g);
            }
        });
        // [checkers harness] the real server being read, for the checker keywords
        CheckerKeywords.bind(on, "virtual_server/real_server", ctx, new CheckerHost() {
            @Override
            public String realServerAddress() {
                Words rs = REAL_SERVER_LINE.get(ctx);
                return rs == null ? null : rs.wordOrNull(1);
            }

            @Override
            public Object realServer() {
                return REAL_SERVER_LINE.get(ctx);
            }

            @Override
            public String realServerPort() {
                Words rs = REAL_SERVER_LINE.get(ctx);
                return rs == null ? null : rs.wordOrNull(2);
            }

            @Override
            public String virtualServerName() {
                return "";
            }

            @Override
            public io.jkeepalived.conf.global.GlobalDefsBuilder global() {
                return b.global;
            }
        });
        SslKeywords.bind(on, ctx);
        SchemaTables.install(root, "check", active, ctx, on);
    }

    /** A port of all zeros counts as none (keepalived accepts "0" for legacy configurations). */
    static String nonZero(String port) {
        return port != null && !port.chars().allMatch(c -> c == '0') ? port : null;
    }

    /** keepalived's inet_stosockaddr(): the port (1-65535) is read first, then the address (ranges and masks cut). */
    static boolean socketAddress(ParseContext ctx, String ip, String port) {
        if (port != null && !ctx.values().readUnsigned(port, 1, 65535, true).ok()) {
            return false;
        }
        int cut = ip.indexOf('-');
        if (cut < 0) {
            cut = ip.indexOf('/');
        }
        String addr = cut >= 0 ? ip.substring(0, cut) : ip;
        return InetText.looksLike6(ip) ? InetText.parse6(addr) != null : InetText.parse4(addr) != null;
    }

    /**
     * getaddrinfo's numeric IPv4 form (inet_aton): one to four parts, each decimal, 0x hex or 0 octal, the
     * last filling the remaining bytes ("24" is 0.0.0.24).
     */
    static boolean inetAton(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            int base = 10;
            if (p.startsWith("0x") || p.startsWith("0X")) {
                base = 16;
                p = p.substring(2);
            } else if (p.length() > 1 && p.startsWith("0")) {
                base = 8;
                p = p.substring(1);
            }
            if (p.isEmpty() && base != 8) {
                return false;
            }
            long v = 0;
            for (char c : p.toCharArray()) {
                int d = Character.digit(c, base);
                if (d < 0 || v > 0xffffffffL) {
                    return false;
                }
                v = v * base + d;
            }
            long max = i < parts.length - 1 ? 0xff : 0xffffffffL >>> (8 * i);
            if (v > max) {
                return false;
            }
        }
        return true;
    }

    /** An optional true/false parameter (none means true); null, reported, when it is neither. */
    private static Boolean flag(ParseContext ctx, Words w, String error) {
        if (w.size() < 2) {
            return true;
        }
        int res = io.jkeepalived.conf.parser.ValueReader.checkTrueFalse(w.word(1));
        if (res < 0) {
            ctx.error(ConfigError.GENERAL_ERROR, error, w.word(1));
            return null;
        }
        return res == 1;
    }

    /** keepalived's svr_forwarding_handler: the method is kept even when its tunnel options are then refused. */
    private static boolean forwarding(ParseContext ctx, Words w, String kind, String key) {
        String method = w.word(1);
        if (!method.equals("NAT") && !method.equals("DR") && !method.equals("TUN")) {
            ctx.error(ConfigError.GENERAL_ERROR, "PARSER : unknown [%s] routing method for %s server.", method, kind);
            return false;
        }
        ctx.recorder().fact(key, method);
        tunnelOptions(ctx, w, kind);
        return true;
    }

    /** {@code type ipip|gue|gre}, {@code port N} (gue only, then required) and the checksum option. */
    private static void tunnelOptions(ParseContext ctx, Words w, String kind) {
        String type = "ipip";
        long port = 0;
        String csum = "nocsum";
        for (int i = 2; i < w.size(); i++) {
            String opt = w.word(i);
            if (opt.equals("type")) {
                if (w.size() == i + 1) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Missing tunnel type for %s server.", kind);
                    return;
                }
                type = w.word(++i);
                if (!type.equals("ipip") && !type.equals("gue") && !type.equals("gre")) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Unknown tunnel type %s for %s server.", type, kind);
                    return;
                }
            } else if (opt.equals("port")) {
                if (w.size() == i + 1) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Missing port for %s server gue tunnel.", kind);
                    return;
                }
                var n = ctx.values().readUnsigned(w.word(++i), 1, 65535, false);
                if (!n.ok()) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Invalid gue tunnel port %s for %s server.", w.word(i), kind);
                    return;
                }
                port = n.value();
            } else if (opt.equals("nocsum") || opt.equals("csum") || opt.equals("remcsum")) {
                csum = opt;
            } else {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid tunnel option %s for %s server.", opt, kind);
                return;
            }
        }
        if (type.equals("gue") != (port != 0)) {
            ctx.error(ConfigError.GENERAL_ERROR, "gue tunnels require port, otherwise cannot have port.");
        } else if (type.equals("ipip") && !csum.equals("nocsum")) {
            ctx.error(ConfigError.GENERAL_ERROR, "ipip tunnels do not support checksum option.");
        } else if (type.equals("gre") && csum.equals("remcsum")) {
            ctx.error(ConfigError.GENERAL_ERROR, "gre tunnels do not support remote checksum option.");
        }
    }

    /**
     * The virtual server each reading is in, for its real_server lines: when a real_server handler runs its
     * own block is already the innermost, so the recorder cannot give the enclosing one. Keyed by the
     * reading (this family is shared by all of them) and weak, so nothing outlives a reading.
     */
    private static final java.util.Map<ParseContext, LvsState.Vs> READING =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static void newVs(ParseContext ctx, LvsState.Vs v) {
        ctx.recorder().lineFact("lvs", v);
        READING.put(ctx, v);
    }

    /** The virtual server being read: the innermost open block's record, or its real server's. */
    private static LvsState.Vs cur(ParseContext ctx) {
        Object f = ctx.recorder().currentFact("lvs");
        return f instanceof LvsState.Vs v ? v : f instanceof LvsState.Server s ? s.vs : null;
    }

    /** The real server being read, or null. */
    private static LvsState.Server curRs(ParseContext ctx) {
        return ctx.recorder().currentFact("lvs") instanceof LvsState.Server s ? s : null;
    }

    @Override
    public void validate(Phase phase, ParseContext ctx, ConfigBuilder b) {
        b.check.groups = ctx.recorder().roots("virtual_server_group").stream()
                .map(s -> new VirtualServerGroup(s.arg(), s)).toList();
        List<VirtualServer> servers = new ArrayList<>();
        // [checkers harness] MISC_CHECK script security; the lvs owner adds the notify scripts' flags
        CheckerKeywords.ScriptAudit audit = new CheckerKeywords.ScriptAudit(ctx, b.global);
        List<LvsState.Vs> lvs = new ArrayList<>();
        for (Block vs : ctx.recorder().blocks("virtual_server")) {
            if (vs.fact("lvs", null) instanceof LvsState.Vs v) {
                lvs.add(v);
            }
        }
        List<LvsState.Group> groups = new ArrayList<>();
        for (Block g : ctx.recorder().blocks("virtual_server_group")) {
            if (g.fact("lvsg", null) instanceof LvsState.Group v) {
                groups.add(v);
            }
        }
        java.util.Set<LvsState.Vs> keptVs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        keptVs.addAll(LvsValidation.validate(ctx, lvs, groups));
        for (Block vs : ctx.recorder().blocks("virtual_server")) {
            LvsState.Vs state = vs.fact("lvs", null);
            if (vs.fact("rejected", false) || state == null || !keptVs.contains(state)) {
                continue;
            }
            List<String> addr = vs.setting().args();
            boolean byAddress = state.kind.equals("addr");
            String protocol = state.protocol;
            List<RealServer> rs = new ArrayList<>();
            for (Block r : vs.all("real_server")) {
                LvsState.Server server = r.fact("lvs", null);
                if (r.fact("rejected", false) || server == null || server.removed) {
                    continue;
                }
                List<String> key = r.setting().args();
                Setting rset = r.setting();
                // keepalived's end checks may give the real server its virtual server's port, or clear it
                String port = server.portSet < 0 ? (key.size() > 1 ? key.get(1) : null)
                        : server.portSet == 0 ? null : Integer.toString(server.portSet);
                rs.add(new RealServer(rset.arg(), port, server.weight == null ? 1 : server.weight.intValue(),
                        ForwardingMethod.of(server.fwd == null ? "NAT" : server.fwd), Boolean.TRUE.equals(server.inhibit),
                        CheckModels.script(rset.child("notify_up")), CheckModels.script(rset.child("notify_down")),
                        CheckerKeywords.build(r, audit), rset, CheckModels.serverTiming(rset), r.fact("virtualhost", null)));
            }
            String vsFwd = state.fwd;
            Setting vset = vs.setting();
            // [checkers harness] the servers' notify scripts count for the SECURITY VIOLATION check too
            for (String k : List.of("quorum_up", "quorum_down")) {
                vset.all(k).forEach(audit::notifyScript);
            }
            for (RealServer kept : rs) {
                for (String k : List.of("notify_up", "notify_down")) {
                    kept.source().all(k).forEach(audit::notifyScript);
                }
            }
            long delay = CheckModels.timer(vset, "delay_loop");
            servers.add(new VirtualServer(addr, byAddress ? protocol : null, state.sched,
                    ForwardingMethod.of(vsFwd == null ? "NAT" : vsFwd), delay < 0 ? 60_000_000L : delay,
                    state.persistence, state.quorum, state.hysteresis,
                    vset.child("alpha") != null, vset.child("omega") != null, state.haSuspend, rs, vset, CheckModels.serverTiming(vset),
                    vs.fact("virtualhost", null)));
        }
        b.check.servers = List.copyOf(servers);
        b.check.ssl = SslKeywords.build(ctx);
        if (!b.global.enableScriptSecurity && (audit.flags() & io.jkeepalived.conf.script.ScriptSecurity.IS_SCRIPT) != 0) {
            ctx.error(ConfigError.SECURITY_ERROR, "SECURITY VIOLATION - check scripts are being executed but script_security not enabled.%s",
                    (audit.flags() & io.jkeepalived.conf.script.ScriptSecurity.INSECURE) != 0 ? " There are insecure scripts." : "");
        }
    }
}
