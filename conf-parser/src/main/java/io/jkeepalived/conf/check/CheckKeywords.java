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

    private Words currentRealServer;

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
        });
        on.on(List.of(vs + "lb_kind", vs + "lvs_method"), w -> forwarding(ctx, w.word(1), "virtual", "fwd"));
        on.on(vs + "real_server/lvs_method", w -> forwarding(ctx, w.word(1), "real", "fwd"));
        on.on(vs + "protocol", w -> {
            String s = w.word(1);
            if (s.equalsIgnoreCase("TCP") || s.equalsIgnoreCase("UDP") || s.equalsIgnoreCase("SCTP")) {
                ctx.recorder().fact("protocol", s.toUpperCase(java.util.Locale.ROOT));
            } else {
                ctx.error(ConfigError.GENERAL_ERROR, "Unknown protocol %s - ignoring", s);
            }
        });
        on.on("virtual_server", w -> {
            String p1 = w.word(1);
            String p2 = w.wordOrNull(2);
            if (p1.equals("group")) {
                return;
            }
            if (p1.equals("fwmark")) {
                var n = ctx.values().readUnsigned(p2 == null ? "" : p2, 0, 0xffffffffL, true);
                if (!n.ok()) {
                    ctx.error(ConfigError.GENERAL_ERROR, "virtual server fwmark '%s' must be in [0, %d] - ignoring", p2, 0xffffffffL);
                    ctx.recorder().lineFact("rejected", true);
                    ctx.skipBlock(true);
                }
                return;
            }
            String port = nonZero(p2);
            if (!socketAddress(ctx, p1, port)) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid virtual server IP address%s %s%s%s - skipping",
                        port != null ? "/port" : "", p1, port != null ? "/" : "", port != null ? port : "");
                ctx.recorder().lineFact("rejected", true);
                ctx.skipBlock(true);
            }
        });
        on.on(vs + "sorry_server", w -> {
            String ip = w.word(1);
            if (!socketAddress(ctx, ip, nonZero(w.wordOrNull(2)))) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid sorry server IP address %s - skipping", ip);
            }
        });
        on.on(vs + "real_server", w -> {
            currentRealServer = w;
            String ip = w.word(1);
            String port = w.wordOrNull(2);
            if (!socketAddress(ctx, ip, nonZero(port))) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid real server ip address/port %s/%s - skipping", ip, port == null ? "(null)" : port);
                ctx.recorder().lineFact("rejected", true);
                ctx.skipBlock(true);
            }
        });
        on.on(vs + "quorum", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 1, UINT_MAX, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Quorum %s must be in [1, %d]. Setting to 1.", w.word(1), UINT_MAX);
            }
            ctx.recorder().fact("quorum", n.ok() ? n.value() : 1L);
        });
        on.on(vs + "hysteresis", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 0, UINT_MAX, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Hysteresis %s must be in [0, %d] - ignoring", w.word(1), UINT_MAX);
                return;
            }
            ctx.recorder().fact("hysteresis", n.value());
        });
        on.on(vs + "weight", w -> {
            if (!ctx.values().readUnsigned(w.word(1), 1, IPVS_WEIGHT_LIMIT, true).ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Virtual server weight %s is outside range 1-%d", w.word(1), IPVS_WEIGHT_LIMIT);
            }
        });
        on.on(vs + "real_server/weight", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 0, IPVS_WEIGHT_LIMIT, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Real server weight %s is outside range 0-%d", w.word(1), IPVS_WEIGHT_LIMIT);
                return;
            }
            ctx.recorder().fact("weight", n.intValue());
        });
        on.on(vs + "persistence_timeout", w -> {
            if (w.size() < 2) {
                ctx.recorder().fact("persistence", 6 * 60L);
                return;
            }
            var n = ctx.values().readUnsigned(w.word(1), 1, LVS_MAX_TIMEOUT, false);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "persistence_timeout invalid");
                return;
            }
            ctx.recorder().fact("persistence", n.value());
        });
        on.on("virtual_server_group", w -> {
            // keepalived hands the value-block reader the line without the group's name and with an
            // empty first word, so a missing '{' makes it abort with "missing a parameter" (exit 2)
            List<String> rest = new ArrayList<>();
            rest.add(null);
            rest.addAll(w.from(2));
            int[] entries = {0};
            ctx.valueBlock(new Words(rest, w.raw(), ctx.diag()), line -> entries[0]++);
            if (entries[0] == 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "virtual server group %s has no entries - removing", w.word(1));
            }
        });
        // [checkers harness] the real server being read, for the checker keywords
        CheckerKeywords.bind(on, "virtual_server/real_server", ctx, new CheckerHost() {
            @Override
            public String realServerAddress() {
                return currentRealServer == null ? null : currentRealServer.wordOrNull(1);
            }

            @Override
            public Object realServer() {
                return currentRealServer;
            }

            @Override
            public String realServerPort() {
                return currentRealServer == null ? null : currentRealServer.wordOrNull(2);
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
        SchemaTables.install(root, "check", active, ctx, on);
    }

    /** A port of all zeros counts as none (keepalived accepts "0" for legacy configurations). */
    private static String nonZero(String port) {
        return port != null && !port.chars().allMatch(c -> c == '0') ? port : null;
    }

    /** keepalived's inet_stosockaddr(): the port (1-65535) is read first, then the address (ranges and masks cut). */
    private static boolean socketAddress(ParseContext ctx, String ip, String port) {
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

    private static void forwarding(ParseContext ctx, String method, String kind, String key) {
        if (method.equals("NAT") || method.equals("DR") || method.equals("TUN")) {
            ctx.recorder().fact(key, method);
        } else {
            ctx.error(ConfigError.GENERAL_ERROR, "PARSER : unknown [%s] routing method for %s server.", method, kind);
        }
    }

    @Override
    public void validate(Phase phase, ParseContext ctx, ConfigBuilder b) {
        b.check.groups = ctx.recorder().roots("virtual_server_group").stream()
                .map(s -> new VirtualServerGroup(s.arg(), s)).toList();
        List<VirtualServer> servers = new ArrayList<>();
        // [checkers harness] MISC_CHECK script security; the lvs owner adds the notify scripts' flags
        CheckerKeywords.ScriptAudit audit = new CheckerKeywords.ScriptAudit(ctx);
        for (Block vs : ctx.recorder().blocks("virtual_server")) {
            if (vs.fact("rejected", false)) {
                continue;
            }
            List<String> addr = vs.setting().args();
            String name = vsName(addr, vs.fact("protocol", null));
            List<Block> reals = vs.all("real_server").stream().filter(r -> !r.fact("rejected", false)).toList();
            if (reals.isEmpty()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s has no real servers - ignoring", name);
                continue;
            }
            boolean byAddress = !addr.isEmpty() && !addr.get(0).equals("fwmark") && !addr.get(0).equals("group");
            String protocol = vs.fact("protocol", null);
            if (byAddress && protocol == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: no protocol set - defaulting to UDP", name);
                protocol = "UDP";
            }
            // [checkers harness] a mutant of a checkers hand config needs this; the lvs owner may move it
            if (byAddress && vs.fact("persistence", null) == null && (addr.size() < 2 || nonZero(addr.get(1)) == null)) {
                ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: zero port only valid for persistent services - setting",
                        vsName(addr, protocol));
            }
            boolean fwmarkOnly = !addr.isEmpty() && addr.get(0).equals("fwmark");
            if (fwmarkOnly && protocol != null) {
                ctx.error(ConfigError.GENERAL_ERROR, "Warning: Virtual server %s: protocol specified for fwmark - protocol will be ignored", name);
                protocol = null;
            }
            name = vsName(addr, protocol);
            if (vs.fact("sched", null) == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: no scheduler set, setting default '%s'", name, "wlc");
            }
            String vsFwd = vs.fact("fwd", null);
            List<RealServer> rs = new ArrayList<>();
            List<List<String>> seen = new ArrayList<>();
            for (Block r : reals) {
                List<String> key = r.setting().args();
                if (seen.contains(key)) {
                    ctx.error(ConfigError.GENERAL_ERROR, "VS %s: real server %s is duplicated - removing second rs", name, String.join(":", key));
                    continue;
                }
                seen.add(key);
                if (r.fact("fwd", null) == null && vsFwd == null) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: no forwarding method set, setting default NAT", name);
                    vsFwd = "NAT";
                }
                Setting rset = r.setting();
                String fwd = r.fact("fwd", vsFwd);
                rs.add(new RealServer(rset.arg(), key.size() > 1 ? key.get(1) : null, r.fact("weight", 1),
                        ForwardingMethod.of(fwd == null ? "NAT" : fwd), rset.child("inhibit_on_failure") != null,
                        CheckModels.script(rset.child("notify_up")), CheckModels.script(rset.child("notify_down")),
                        CheckerKeywords.build(r, audit), rset));
            }
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
            servers.add(new VirtualServer(addr, byAddress ? protocol : null, vs.fact("sched", "wlc"),
                    ForwardingMethod.of(vsFwd == null ? "NAT" : vsFwd), delay < 0 ? 60_000_000L : delay,
                    vs.fact("persistence", 0L), vs.fact("quorum", 1L), vs.fact("hysteresis", 0L),
                    vset.child("alpha") != null, vset.child("omega") != null, vset.child("ha_suspend") != null, rs, vset));
        }
        b.check.servers = List.copyOf(servers);
        if (!b.global.enableScriptSecurity && (audit.flags() & io.jkeepalived.conf.script.ScriptSecurity.IS_SCRIPT) != 0) {
            ctx.error(ConfigError.SECURITY_ERROR, "SECURITY VIOLATION - check scripts are being executed but script_security not enabled.");
        }
    }

    /** keepalived's FMT_VS: {@code [198.51.100.1]:tcp:80}. */
    private static String vsName(List<String> addr, String protocol) {
        if (addr.isEmpty()) {
            return "[]";
        }
        if (addr.get(0).equals("fwmark")) {
            return "FWM " + (addr.size() > 1 ? addr.get(1) : "");
        }
        if (addr.get(0).equals("group")) {
            return String.join(" ", addr);
        }
        String proto = protocol == null ? "none" : protocol.toLowerCase(java.util.Locale.ROOT);
        return "[" + addr.get(0) + "]:" + proto + ":" + (addr.size() > 1 ? addr.get(1) : "0");
    }
}
