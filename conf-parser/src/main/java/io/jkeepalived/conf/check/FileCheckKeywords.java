package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.check.FileCheck;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Recorder.Block;
import io.jkeepalived.conf.schema.SchemaTables;

/** FILE_CHECK (keepalived's check_file.c): a real server follows a track_file defined earlier. */
final class FileCheckKeywords {
    private static final int IPVS_WEIGHT_LIMIT = Integer.MAX_VALUE;

    private FileCheckKeywords() {
    }

    static void bind(SchemaTables.Bindings on, String rs, ParseContext ctx, CheckerHost host) {
        String c = rs + "FILE_CHECK";
        on.on(c, w -> { });
        on.on(c + "/track_file", w -> {
            String name = w.word(1);
            boolean known = ctx.recorder().roots("track_file").stream().anyMatch(s -> name.equals(s.arg()))
                    || ctx.recorder().roots("vrrp_track_file").stream().anyMatch(s -> name.equals(s.arg()));
            if (!known) {
                ctx.error(ConfigError.GENERAL_ERROR, "track_file %s not found", name);
                return;
            }
            ctx.recorder().fact("track_file", name);
        });
        on.on(c + "/weight", w -> {
            if (w.size() < 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "track file weight missing");
                return;
            }
            var n = ctx.values().readInt(w.word(1), -IPVS_WEIGHT_LIMIT, IPVS_WEIGHT_LIMIT, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "weight for track file must be in [%d..%d] inclusive. Ignoring...",
                        -IPVS_WEIGHT_LIMIT, IPVS_WEIGHT_LIMIT);
                return;
            }
            boolean reverse = false;
            if (w.size() >= 3) {
                String opt = w.word(2);
                if (opt.equals("reverse")) {
                    reverse = true;
                } else if (!opt.equals("noreverse")) {
                    ctx.error(ConfigError.GENERAL_ERROR, "unknown track file weight option %s - ignoring", opt);
                    return;
                }
            }
            ctx.recorder().fact("weight", n.intValue());
            ctx.recorder().fact("reverse", reverse);
        });
        on.close(c, () -> {
            if (ctx.recorder().currentFact("track_file") == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "FILE_CHECK has no track_file specified - ignoring");
                ctx.recorder().fact(CheckerKeywords.DROPPED, true);
            }
        });
    }

    static FileCheck build(Block c) {
        return new FileCheck(c.fact("track_file", null), c.fact("weight", null), c.fact("reverse", false));
    }
}
