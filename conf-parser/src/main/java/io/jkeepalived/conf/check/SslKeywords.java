package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.check.SslSettings;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Recorder.Block;
import io.jkeepalived.conf.schema.SchemaTables;

import java.util.List;

/**
 * The root {@code SSL { password, ca, certificate, key }} block (keepalived's check_parser.c ssl handlers) with
 * keepalived's errors: a second block replaces the first, a value without its word is missing, a repeated one
 * replaces the earlier one. The files are not read here (keepalived reads them when the checker starts).
 */
final class SslKeywords {
    /** keyword → the name keepalived's messages give it. */
    private static final List<String[]> VALUES = List.of(new String[] {"password", "password"},
            new String[] {"ca", "cafile"}, new String[] {"certificate", "certfile"}, new String[] {"key", "keyfile"});

    private SslKeywords() {
    }

    static void bind(SchemaTables.Bindings on, ParseContext ctx) {
        on.on("SSL", w -> {
            // the handler runs once the new block is recorded: an earlier one is being replaced
            if (ctx.recorder().blocks("SSL").size() > 1) {
                ctx.error(ConfigError.GENERAL_ERROR, "SSL context already specified - replacing");
            }
        });
        for (String[] v : VALUES) {
            on.on("SSL/" + v[0], w -> {
                if (w.size() < 2) {
                    ctx.error(ConfigError.GENERAL_ERROR, "SSL %s missing", v[1]);
                    return;
                }
                if (ctx.recorder().currentFact(v[0]) != null) {
                    ctx.error(ConfigError.GENERAL_ERROR, "SSL %s already specified - replacing", v[1]);
                }
                ctx.recorder().fact(v[0], w.word(1));
            });
        }
    }

    /** The last SSL block's values, or null when there is none. */
    static SslSettings build(ParseContext ctx) {
        List<Block> blocks = ctx.recorder().blocks("SSL");
        if (blocks.isEmpty()) {
            return null;
        }
        Block b = blocks.get(blocks.size() - 1);
        return new SslSettings(b.fact("password", null), b.fact("ca", null), b.fact("certificate", null),
                b.fact("key", null));
    }
}
