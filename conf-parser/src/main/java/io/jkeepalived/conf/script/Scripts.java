package io.jkeepalived.conf.script;

import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.parser.Diagnostics;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Tokenizer;
import io.jkeepalived.conf.parser.Words;

import java.util.List;
import java.util.Optional;

/**
 * keepalived's script handling shared by every family (lib/notify.c): parsing a script keyword line
 * ({@code notify_script_init}, {@code set_script_params_array}).
 */
public final class Scripts {
    private Scripts() {
    }

    /**
     * Re-reads a recorded script line for the end-of-configuration checks, without reporting again
     * (its line was already checked, and reported, when it was read).
     */
    public static NotifyScript parseQuietly(ParseContext ctx, Setting line) {
        if (line.args().isEmpty()) {
            return null;
        }
        List<String> args = Tokenizer.quotedEscaped(line.args().get(0), new Diagnostics());
        return args == null || args.isEmpty() ? null : new NotifyScript(args, null, null);
    }

    /**
     * Parses a script keyword line the way keepalived does: the raw line is re-tokenised shell-style;
     * word 1 is the command, itself re-tokenised so a quoted {@code "/x.sh a b"} carries its arguments;
     * when {@code extraParams} is true the words after it are {@code [username [groupname]]} — which is
     * why an unquoted {@code notify_master /x.sh master} runs /x.sh as user "master".
     *
     * <p>An unterminated quote has already been reported by the tokeniser with its line number
     * (keepalived 2.2.7 crashes on it in a {@code script} line); the script is then dropped.
     *
     * @param type a description used in messages ("notify", "track", "MISC_CHECK", ...)
     * @return the script, or null after saying why it was dropped
     */
    public static NotifyScript parse(ParseContext ctx, Words words, String type, boolean extraParams) {
        List<String> line = words.quoted();
        if (line == null) {
            return null;
        }
        if (line.size() < 2) {
            ctx.diag().log("Unable to parse script '%s' - ignoring", line.isEmpty() ? "" : line.get(0));
            return null;
        }
        List<String> args = Tokenizer.quotedEscaped(line.get(1), ctx.diag());
        if (args == null || args.isEmpty()) {
            ctx.diag().log("Unable to parse script '%s' - ignoring", line.get(1));
            return null;
        }
        Integer uid = null;
        Integer gid = null;
        if (extraParams && line.size() > 2) {
            String user = line.get(2);
            Optional<Integer> u = ctx.system().userId(user);
            Optional<Integer> g = line.size() > 3 ? ctx.system().groupId(line.get(3)) : ctx.system().userGroup(user);
            if (u.isEmpty() || g.isEmpty()) {
                ctx.diag().log("Invalid user/group for %s script %s - ignoring", type, args.get(0));
                return null;
            }
            uid = u.get();
            gid = g.get();
        }
        return new NotifyScript(args, uid, gid);
    }
}
