package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.check.MiscCheck;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Recorder;
import io.jkeepalived.conf.parser.Recorder.Block;
import io.jkeepalived.conf.script.DefaultScriptUser;
import io.jkeepalived.conf.script.NotifyScript;
import io.jkeepalived.conf.script.Scripts;
import io.jkeepalived.conf.schema.SchemaTables;

import java.util.List;

/** MISC_CHECK (keepalived's check_misc.c): a script run as the script user. */
final class MiscCheckKeywords {
    private MiscCheckKeywords() {
    }

    static void bind(SchemaTables.Bindings on, String rs, ParseContext ctx, CheckerHost host) {
        String c = rs + "MISC_CHECK";
        String p = c + "/";
        on.on(c, w -> { });
        // once keepalived drops the checker (bad user) the rest of its block is ignored silently
        on.on(p + "misc_path", w -> {
            if (dropped(ctx)) {
                return;
            }
            // only the first (quoted) word is the command line; later words are ignored, as keepalived does
            NotifyScript s = Scripts.parse(ctx, w, "MISC_CHECK", false);
            if (s != null) {
                ctx.recorder().fact("script", List.copyOf(s.args()));
            }
        });
        on.on(p + "misc_timeout", w -> {
            if (dropped(ctx)) {
                return;
            }
            var n = ctx.values().readUnsigned(w.word(1), 0, CheckerKeywords.UINT_MAX / 1_000_000, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Invalid misc_timeout value '%s'", w.word(1));
                return;
            }
            ctx.recorder().fact("misc_timeout", n.value());
        });
        on.on(p + "misc_dynamic", w -> {
            if (!dropped(ctx)) {
                ctx.recorder().fact("misc_dynamic", true);
            }
        });
        on.on(p + "user", w -> {
            if (dropped(ctx)) {
                return;
            }
            Recorder r = ctx.recorder();
            if (w.size() < 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "No user specified for misc checker script %s", command(r));
                return;
            }
            String user = w.word(1);
            String group = w.wordOrNull(2);
            // keepalived looks names up only (getpwnam/getgrnam): a numeric id is not a user
            if (numeric(user) || ctx.system().userId(user).isEmpty()) {
                CheckerKeywords.log(ctx, "Script user '%s' does not exist", user);
            } else if (group != null && (numeric(group) || ctx.system().groupId(group).isEmpty())) {
                CheckerKeywords.log(ctx, "Script group '%s' does not exist", group);
            } else {
                r.fact("user", user);
                if (group != null) {
                    r.fact("group", group);
                }
                return;
            }
            ctx.error(ConfigError.GENERAL_ERROR, "Failed to set uid/gid for misc checker script %s - removing", command(r));
            r.fact(CheckerKeywords.DROPPED, true);
        });
        on.close(c, () -> {
            Recorder r = ctx.recorder();
            if (dropped(ctx)) {
                return;
            }
            if (r.currentFact("script") == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "No script path has been specified for MISC_CHECKER - skipping");
                r.fact(CheckerKeywords.DROPPED, true);
                return;
            }
            if (r.currentFact("user") == null && !DefaultScriptUser.resolve(ctx, host.global())) {
                ctx.error(ConfigError.GENERAL_ERROR, "Unable to set default user for misc script %s - removing", command(r));
                r.fact(CheckerKeywords.DROPPED, true);
            }
        });
    }

    private static boolean numeric(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static boolean dropped(ParseContext ctx) {
        return Boolean.TRUE.equals(ctx.recorder().currentFact(CheckerKeywords.DROPPED));
    }

    @SuppressWarnings("unchecked")
    private static String command(Recorder r) {
        Object s = r.currentFact("script");
        return s == null ? "" : NotifyScript.quoted((List<String>) s);
    }

    static MiscCheck build(Block c) {
        return new MiscCheck(CheckerKeywords.timing(c), c.fact("script", List.of()), c.fact("misc_timeout", null),
                c.fact("misc_dynamic", false), c.fact("user", null), c.fact("group", null));
    }
}
