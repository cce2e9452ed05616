package io.jkeepalived.conf.global;

import io.jkeepalived.conf.ConfigBuilder;
import io.jkeepalived.conf.KeywordFamily;
import io.jkeepalived.conf.Phase;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.KeywordTable;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.schema.SchemaTables;

import java.util.List;

/**
 * keepalived's global keywords (global_parser.c): {@code global_defs} and the root-level settings.
 * Only the parent reads them actively; the other processes inherit the values (the builder's fields).
 */
public final class GlobalKeywords implements KeywordFamily {
    private static final long TIMER_HZ = 1_000_000L;
    private static final long UINT_MAX = 0xffffffffL;

    @Override
    public void install(KeywordTable root, boolean active, ParseContext ctx, ConfigBuilder cb) {
        GlobalDefsBuilder g = cb.global;
        String p = "global_defs/";
        SchemaTables.Bindings on = new SchemaTables.Bindings();
        on.on(p + "router_id", w -> {
            if (w.size() < 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "routerid name missing - ignoring");
                return;
            }
            g.routerId = String.join(" ", w.from(1));
        });
        on.on(p + "notification_email", w -> {
            List<String> emails = ctx.readValueBlock(w);
            if (emails.isEmpty()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Warning - empty notification_email block");
                return;
            }
            g.notificationEmail.addAll(emails);
        });
        on.on(p + "default_interface", w -> {
            if (w.size() < 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "default_interface requires interface name");
                return;
            }
            g.defaultInterface = String.join(" ", w.from(1));
        });
        on.on(p + "enable_script_security", w -> g.enableScriptSecurity = true);
        on.on(p + "script_user", w -> {
            if (w.size() < 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "No script username specified");
                return;
            }
            var uid = ctx.system().userId(w.word(1));
            var gid = w.size() > 2 ? ctx.system().groupId(w.word(2)) : ctx.system().userGroup(w.word(1));
            if (uid.isEmpty() || gid.isEmpty()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Error setting global script uid/gid");
                g.scriptUserFailed = true;
                return;
            }
            g.scriptUser = w.word(1);
            g.scriptGroup = w.size() > 2 ? w.word(2) : null;
            g.scriptUid = uid.get();
            g.scriptGid = gid.get();
        });
        on.on(p + "vrrp_version", w -> {
            var n = ctx.values().readInt(w.word(1), 2, 3, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "VRRP Error: Version must be either 2 or 3");
                return;
            }
            g.vrrpVersion = n.intValue();
        });
        on.on(p + "vrrp_garp_interval", w -> {
            var n = ctx.values().readDecimal(w.word(1), 1, UINT_MAX, 6, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "vrrp_garp_interval '%s' is invalid", w.word(1));
            }
        });
        on.on(p + "vrrp_gna_interval", w -> {
            var n = ctx.values().readDecimal(w.word(1), 1, UINT_MAX, 6, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "vrrp_gna_interval '%s' is invalid", w.word(1));
            }
        });
        on.on(p + "vrrp_garp_master_delay", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 0, UINT_MAX / TIMER_HZ, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "vrrp_garp_master_delay '%s' invalid - ignoring", w.word(1));
                return;
            }
            g.vrrpGarpMasterDelayMicros = n.value() * TIMER_HZ;
        });
        on.on(p + "smtp_connect_timeout", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 0, UINT_MAX / TIMER_HZ, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "smtp_connect_timeout '%s' must be in [0, %d] - ignoring", w.word(1), UINT_MAX / TIMER_HZ);
                return;
            }
            long v = n.value();
            if (v == 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "smtp_conect_timeout must be greater than 0, setting to 1");
                v = 1;
            }
            g.smtpConnectTimeoutSeconds = v;
        });
        GlobalChecks.install(on, p, ctx);
        SchemaTables.install(root, "global", active, ctx, on);
    }

    @Override
    public void validate(Phase phase, ParseContext ctx, ConfigBuilder b) {
        b.global.settings = ctx.recorder().roots();
        GlobalSettings.apply(b.global, b.global.settings, ctx.values().configTest());
    }
}
