package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.check.ConnectionOptions;
import io.jkeepalived.conf.model.check.SmtpCheck;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Recorder;
import io.jkeepalived.conf.parser.Recorder.Block;
import io.jkeepalived.conf.schema.SchemaTables;

import java.util.ArrayList;
import java.util.List;

/** SMTP_CHECK (keepalived's check_smtp.c), with the deprecated host { } blocks. */
final class SmtpCheckKeywords {
    private SmtpCheckKeywords() {
    }

    static void bind(SchemaTables.Bindings on, String rs, ParseContext ctx, CheckerHost host) {
        String c = rs + "SMTP_CHECK";
        // keepalived's host list is global: hosts of an SMTP_CHECK dropped at its close stay on it and
        // are taken by the next SMTP_CHECK
        List<ConnectionOptions> pendingHosts = new ArrayList<>();
        // unlike the other checkers, the destination starts unset and falls back to the real server at the end
        on.on(c, w -> CheckerKeywords.opened(ctx, host, false));
        on.on(c + "/helo_name", w -> {
            if (w.size() < 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "SMTP_CHECK helo name missing");
                return;
            }
            ctx.recorder().fact("helo_name", w.word(1));
        });
        on.on(c + "/host", w -> {
            CheckerKeywords.opened(ctx, host, true);
        });
        on.close(c + "/host", () -> {
            if (!CheckerKeywords.connectionUsable(ctx, host)) {
                ctx.recorder().fact(CheckerKeywords.DROPPED, true);
            } else {
                // only hosts that pass make it to keepalived's host list
                pendingHosts.add(current(ctx.recorder()));
            }
        });
        on.close(c, () -> {
            var r = ctx.recorder();
            if (!pendingHosts.isEmpty()) {
                CheckerKeywords.log(ctx, "The SMTP_CHECK host block is deprecated. Please define additional checkers.");
            }
            boolean anySet = pendingHosts.isEmpty();
            for (String k : List.of("connect_ip", "connect_port", "bindto", "bind_port", "bind_if", "fwmark", "connect_timeout")) {
                // a rejected address leaves keepalived's field unset ("")
                anySet |= r.currentFact(k) != null && !"".equals(r.currentFact(k));
            }
            if (anySet) {
                if (r.currentFact("connect_ip") == null || "".equals(r.currentFact("connect_ip"))) {
                    r.fact("dstFamily", CheckerKeywords.family(host.realServerAddress()));
                }
                if (!CheckerKeywords.connectionUsable(ctx, host)) {
                    r.fact(CheckerKeywords.DROPPED, true);
                    return;
                }
            }
            // this checker takes every pending host, its own and any left by a dropped SMTP_CHECK
            r.fact("hosts", List.copyOf(pendingHosts));
            pendingHosts.clear();
        });
    }

    private static ConnectionOptions current(Recorder r) {
        return new ConnectionOptions(address(r.currentFact("connect_ip")), (Integer) r.currentFact("connect_port"),
                address(r.currentFact("bindto")), (Integer) r.currentFact("bind_port"), (String) r.currentFact("bind_if"),
                (Long) r.currentFact("connect_timeout"), (Long) r.currentFact("fwmark"));
    }

    private static String address(Object o) {
        return o == null || "".equals(o) ? null : (String) o;
    }

    static SmtpCheck build(Block c) {
        List<ConnectionOptions> hosts = c.fact("hosts", List.of());
        return new SmtpCheck(CheckerKeywords.timing(c), CheckerKeywords.connection(c), c.fact("helo_name", null), hosts);
    }
}
