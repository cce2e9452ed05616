package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.check.DnsCheck;
import io.jkeepalived.conf.model.check.DnsType;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Recorder.Block;
import io.jkeepalived.conf.schema.SchemaTables;

/** DNS_CHECK (keepalived's check_dns.c). */
final class DnsCheckKeywords {
    private DnsCheckKeywords() {
    }

    static void bind(SchemaTables.Bindings on, String rs, ParseContext ctx, CheckerHost host) {
        String c = rs + "DNS_CHECK";
        on.on(c, w -> CheckerKeywords.opened(ctx, host, true));
        on.on(c + "/type", w -> {
            DnsType t = DnsType.parse(w.word(1));
            if (t == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "Unknown DNS check type %s - ignoring", w.word(1));
                return;
            }
            ctx.recorder().fact("type", t);
        });
        on.on(c + "/name", w -> {
            if (ctx.recorder().currentFact("name") != null) {
                ctx.error(ConfigError.GENERAL_ERROR, "DNS_CHECK name already specified - ignoring");
                return;
            }
            String name = w.word(1);
            if (emptyLabel(name)) {
                ctx.error(ConfigError.GENERAL_ERROR, "DNS_CHECK name '%s' has empty label - ignoring", name);
                return;
            }
            ctx.recorder().fact("name", name);
        });
        on.close(c, () -> CheckerKeywords.closeConnection(ctx, host));
    }

    /**
     * A leading dot (other than the root "."), two dots in a row, or - as keepalived's scan starts at the
     * name's first character rather than at a dot - a dot as the second character ("a.", "a.b").
     */
    static boolean emptyLabel(String name) {
        if (name.startsWith(".") && name.length() > 1) {
            return true;
        }
        return name.length() > 1 && name.charAt(1) == '.' || name.contains("..");
    }

    static DnsCheck build(Block c) {
        return new DnsCheck(CheckerKeywords.timing(c), CheckerKeywords.connection(c), c.fact("type", DnsType.SOA),
                c.fact("name", ""));
    }
}
