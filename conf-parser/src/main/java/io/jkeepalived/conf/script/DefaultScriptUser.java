package io.jkeepalived.conf.script;

import io.jkeepalived.conf.global.GlobalDefsBuilder;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;

/**
 * keepalived's get_default_script_user() for a script without its own {@code user} (vrrp_script, MISC_CHECK): the
 * {@code script_user}, else {@code keepalived_script}, else root — but with {@code enable_script_security} a missing
 * keepalived_script user is an error. A failure sticks (keepalived's default_user_fail): a bad {@code script_user}
 * (already reported by global_defs) or a missing keepalived_script (reported here, once) fails every later script
 * without its own user, silently. keepalived -t reads the checker's and the VRRP configuration one after the other
 * in one process, so the missing keepalived_script is reported once in all; jkeepalived reads them in parallel, so
 * each reading reports it once and the loader keeps the first ({@link #reportedOncePerLoad}).
 */
public final class DefaultScriptUser {
    /** The error keepalived reports once per process. */
    public static final String NO_DEFAULT_USER = "Unable to set default user keepalived_script for script";

    /** The readings that have failed on keepalived_script (weak: nothing outlives a reading). */
    private static final java.util.Set<ParseContext> FAILED = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    private DefaultScriptUser() {
    }

    /** Whether {@code message} is one that a whole load reports only once (the first reading's). */
    public static boolean reportedOncePerLoad(String message) {
        return NO_DEFAULT_USER.equals(message);
    }

    /** Whether a script without its own user can run; reports keepalived's error the first time it cannot. */
    public static boolean resolve(ParseContext ctx, GlobalDefsBuilder global) {
        if (global == null) {
            return true;
        }
        if (global.scriptUserFailed || FAILED.contains(ctx)) {
            return false;
        }
        if (global.scriptUser != null || !global.enableScriptSecurity) {
            return true;
        }
        if (ctx.system().userId("keepalived_script").isPresent()) {
            return true;
        }
        // kept per reading: the shared global_defs would let one reading's failure race into another's
        ctx.error(ConfigError.GENERAL_ERROR, NO_DEFAULT_USER);
        FAILED.add(ctx);
        return false;
    }

    /**
     * The uid and gid a script without its own user runs as: script_user, else keepalived_script, else root (what
     * the permission walk of {@link ScriptSecurity} is made for).
     */
    public static int[] ids(ParseContext ctx, GlobalDefsBuilder global) {
        if (global != null && global.scriptUid != null) {
            return new int[] {global.scriptUid, global.scriptGid == null ? 0 : global.scriptGid};
        }
        var uid = ctx.system().userId("keepalived_script");
        if (uid.isPresent()) {
            return new int[] {uid.get(), ctx.system().userGroup("keepalived_script").orElse(0)};
        }
        return new int[] {0, 0};
    }

    /** The uid and gid of a script's own {@code user NAME [GROUP]}, else {@link #ids}. */
    public static int[] ids(ParseContext ctx, GlobalDefsBuilder global, String user, String group) {
        if (user == null) {
            return ids(ctx, global);
        }
        int uid = ctx.system().userId(user).orElse(0);
        int gid = group != null ? ctx.system().groupId(group).orElse(0) : ctx.system().userGroup(user).orElse(0);
        return new int[] {uid, gid};
    }
}
