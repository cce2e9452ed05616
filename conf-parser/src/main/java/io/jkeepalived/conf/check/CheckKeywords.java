package io.jkeepalived.conf.check;

import io.jkeepalived.conf.ConfigBuilder;
import io.jkeepalived.conf.KeywordFamily;
import io.jkeepalived.conf.Phase;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.conf.model.check.VirtualServerGroup;
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
        on.on("virtual_server_group", w -> {
            // keepalived hands the value-block reader the line without the group's name
            List<String> rest = new ArrayList<>();
            rest.add("virtual_server_group");
            rest.addAll(w.from(2));
            int[] entries = {0};
            ctx.valueBlock(new Words(rest, w.raw(), ctx.diag()), line -> entries[0]++);
            if (entries[0] == 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "virtual server group %s has no entries - removing", w.word(1));
            }
        });
        for (String checker : List.of("HTTP_GET", "SSL_GET")) {
            on.on(vs + "real_server/" + checker + "/nb_get_retry", w -> {
                ctx.error(ConfigError.DEPRECATED, "nb_get_retry is deprecated - please use 'retry'");
                var n = ctx.values().readUnsigned(w.word(1), 0, 0xffffffffL, true);
                if (n.ok()) {
                    ctx.recorder().fact("retry", n.value());
                }
            });
        }
        SchemaTables.install(root, "check", active, ctx, on);
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
        for (Block vs : ctx.recorder().blocks("virtual_server")) {
            List<String> addr = vs.setting().args();
            String name = vsName(addr, vs.fact("protocol", null));
            List<Block> reals = vs.all("real_server");
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
                rs.add(new RealServer(r.setting().arg(), key.size() > 1 ? key.get(1) : null, r.setting()));
            }
            servers.add(new VirtualServer(addr, rs, vs.setting()));
        }
        b.check.servers = List.copyOf(servers);
    }

    /** keepalived's FMT_VS: {@code [198.51.100.1]:tcp:80}. */
    private static String vsName(List<String> addr, String protocol) {
        if (addr.isEmpty()) {
            return "[]";
        }
        if (addr.get(0).equals("fwmark") || addr.get(0).equals("group")) {
            return String.join(" ", addr);
        }
        String proto = protocol == null ? "none" : protocol.toLowerCase(java.util.Locale.ROOT);
        return "[" + addr.get(0) + "]:" + proto + ":" + (addr.size() > 1 ? addr.get(1) : "0");
    }
}
