package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.ConfigBuilder;
import io.jkeepalived.conf.KeywordFamily;
import io.jkeepalived.conf.Phase;
import io.jkeepalived.conf.model.vrrp.IpAddress;
import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.conf.model.vrrp.UnicastPeer;
import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.KeywordTable;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Diagnostics;
import io.jkeepalived.conf.parser.Recorder;
import io.jkeepalived.conf.parser.ValueReader;
import io.jkeepalived.conf.parser.Words;
import io.jkeepalived.conf.schema.SchemaTables;
import io.jkeepalived.conf.script.NotifyScript;
import io.jkeepalived.conf.script.Scripts;

import java.util.ArrayList;
import java.util.List;

/**
 * keepalived's VRRP keywords (vrrp_parser.c): the handlers that check values as the lines are read,
 * noting the results on the recorded block for {@link VrrpValidation}, which builds the model.
 */
public final class VrrpKeywords implements KeywordFamily {
    /** keepalived's TIMER_HZ: timers are kept in microseconds. */
    static final long TIMER_HZ = 1_000_000L;
    static final int TIMER_HZ_DIGITS = 6;
    static final long TIMER_MAX_SEC = 1000L;

    @Override
    public void install(KeywordTable root, boolean active, ParseContext ctx, ConfigBuilder b) {
        SchemaTables.Bindings on = new SchemaTables.Bindings();
        instanceHandlers(on, ctx, b);
        staticHandlers(on, ctx, b);
        scriptHandlers(on, ctx, b);
        SchemaTables.install(root, "vrrp", active, ctx, on);
    }

    @Override
    public void validate(Phase phase, ParseContext ctx, ConfigBuilder b) {
        VrrpValidation.run(ctx, b);
    }

    private static Recorder rec(ParseContext ctx) {
        return ctx.recorder();
    }

    /** The name of the instance being read, for messages. */
    private static String iname(ParseContext ctx, VrrpConfigBuilder b) {
        return b.instanceNames.isEmpty() ? "" : b.instanceNames.get(b.instanceNames.size() - 1);
    }

    private static void instanceHandlers(SchemaTables.Bindings on, ParseContext ctx, ConfigBuilder cb) {
        String p = "vrrp_instance/";
        on.on("vrrp_instance", w -> {
            VrrpConfigBuilder b = cb.vrrp;
            if (w.size() != 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "vrrp_instance must have a name");
                rec(ctx).lineFact("rejected", true);
                ctx.skipBlock(true);
                return;
            }
            if (b.instanceNames.contains(w.word(1))) {
                ctx.error(ConfigError.GENERAL_ERROR, "vrrp instance %s already defined", w.word(1));
                rec(ctx).lineFact("rejected", true);
                ctx.skipBlock(true);
                return;
            }
            b.instanceNames.add(w.word(1));
        });
        on.on(p + "state", w -> {
            String s = w.word(1);
            switch (s) {
                case "MASTER" -> rec(ctx).fact("state", "MASTER");
                case "BACKUP" -> {
                    if ("MASTER".equals(ctx.recorder().currentFact("state"))) {
                        ctx.error(ConfigError.GENERAL_ERROR, "(%s) state previously set as MASTER - ignoring BACKUP", iname(ctx, cb.vrrp));
                    } else {
                        rec(ctx).fact("state", "BACKUP");
                    }
                }
                default -> {
                    ctx.error(ConfigError.GENERAL_ERROR, "(%s) unknown state '%s', defaulting to BACKUP", iname(ctx, cb.vrrp), s);
                    rec(ctx).fact("state", "BACKUP");
                }
            }
        });
        on.on(p + "interface", w -> {
            String name = w.word(1);
            if (name.length() >= 16) {
                ctx.error(ConfigError.GENERAL_ERROR, "Interface name '%s' too long - ignoring", name);
                return;
            }
            var ifp = ctx.system().findInterface(name);
            if (ifp.isEmpty() && cb.global.dynamicInterfaces) {
                // keepalived keeps an entry for it and uses the interface once it is created; FAULT until then
                rec(ctx).fact("interface", name);
            } else if (ifp.isEmpty()) {
                ctx.error(ConfigError.GENERAL_ERROR, "WARNING - interface %s for vrrp_instance %s doesn't exist", name, iname(ctx, cb.vrrp));
                rec(ctx).fact("interface", name);
                rec(ctx).fact("interfaceMissing", true);
            } else if (ifp.get().loopback()) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) cannot use a loopback interface (%s) for vrrp - ignoring", iname(ctx, cb.vrrp), name);
                rec(ctx).fact("interface", "");
            } else {
                rec(ctx).fact("interface", name);
            }
        });
        on.on(p + "virtual_router_id", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 1, 255, false);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s): VRID '%s' not valid - must be between 1 & 255", iname(ctx, cb.vrrp), w.word(1));
                return;
            }
            rec(ctx).fact("vrid", n.intValue());
        });
        on.on(p + "priority", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 1, 255, false);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) Priority not valid! must be between 1 & %d. Using default %d", iname(ctx, cb.vrrp), 255, 100);
                rec(ctx).fact("priority", 100);
            } else {
                rec(ctx).fact("priority", n.intValue());
            }
        });
        on.on(p + "advert_int", w -> {
            var n = ctx.values().readDecimal(w.word(1), TIMER_HZ / 100, 255 * TIMER_HZ, TIMER_HZ_DIGITS, true);
            if (!n.ok() || n.value() <= 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) Advert interval (%s) not valid! Must be > 0 - ignoring", iname(ctx, cb.vrrp), w.word(1));
            } else {
                rec(ctx).fact("advert", n.value());
            }
        });
        on.on(p + "version", w -> {
            var n = ctx.values().readInt(w.word(1), 2, 3, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s): Version must be either 2 or 3", iname(ctx, cb.vrrp));
                return;
            }
            Integer had = (Integer) ctx.recorder().currentFact("version");
            boolean v6 = Boolean.TRUE.equals(ctx.recorder().currentFact("ipv6"));
            if ((had != null && had != n.intValue()) || (n.intValue() == 2 && v6)) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) vrrp_version %d conflicts with configured or deduced version %d; ignoring.",
                        iname(ctx, cb.vrrp), n.intValue(), had == null ? 0 : had);
                return;
            }
            rec(ctx).fact("version", n.intValue());
        });
        on.on(p + "authentication/auth_type", w -> {
            String s = w.word(1);
            if (s.equals("AH") || s.equals("PASS")) {
                ctx.recorder().parentFact("authType", s);
            } else {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) unknown authentication type '%s'", iname(ctx, cb.vrrp), s);
            }
        });
        on.on(p + "authentication/auth_pass", w -> {
            String s = w.word(1);
            if (s.length() > 8) {
                ctx.error(ConfigError.GENERAL_ERROR, "Truncating auth_pass to %d characters", 8);
                s = s.substring(0, 8);
            }
            ctx.recorder().parentFact("authPass", s);
        });
        on.on(p + "lvs_sync_daemon_interface", w -> {
            String name = iname(ctx, cb.vrrp);
            ctx.error(ConfigError.GENERAL_ERROR, "(%s) Specifying lvs_sync_daemon_interface against a vrrp is deprecated.", name);
            ctx.error(ConfigError.GENERAL_ERROR, "      %sPlease use global lvs_sync_daemon", " ".repeat(Math.max(0, name.length() - 2)));
            if (cb.vrrp.lvsSyncDaemonInterface != null) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) lvs_sync_daemon_interface has already been specified as %s - ignoring",
                        name, cb.vrrp.lvsSyncDaemonInterface);
                return;
            }
            cb.vrrp.lvsSyncDaemonInterface = String.join(" ", w.from(1));
        });
        on.on(p + "nopreempt", w -> rec(ctx).fact("nopreempt", true));
        on.on(p + "preempt", w -> rec(ctx).fact("nopreempt", false));
        on.on(p + "preempt_delay", w -> {
            var n = ctx.values().readDecimal(w.word(1), 0, TIMER_MAX_SEC * TIMER_HZ, TIMER_HZ_DIGITS, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) Preempt_delay not valid! must be between 0-%d", iname(ctx, cb.vrrp), TIMER_MAX_SEC);
                rec(ctx).fact("preemptDelay", 0L);
            } else {
                rec(ctx).fact("preemptDelay", n.value());
            }
        });
        on.on(p + "virtual_ipaddress", w -> vips(ctx, cb, w, "vips"));
        on.on(p + "virtual_ipaddress_excluded", w -> vips(ctx, cb, w, "evips"));
        on.on(List.of(p + "unicast_src_ip", p + "mcast_src_ip"), w -> {
            if (w.keyword().equals("unicast_src_ip")) {
                rec(ctx).fact("unicastConfigured", true);
            }
            String a = w.word(1);
            if (InetText.parse(a) == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "Configuration error: VRRP instance[%s] malformed src address[%s]. Skipping...", iname(ctx, cb.vrrp), a);
                return;
            }
            if (!family(ctx, cb, InetText.looksLike6(a))) {
                ctx.error(ConfigError.GENERAL_ERROR, "Configuration error: VRRP instance[%s] and src address[%s] MUST be of the same family !!! Skipping...", iname(ctx, cb.vrrp), a);
                return;
            }
            rec(ctx).fact("srcIp", a);
        });
        on.on(p + "unicast_peer", w -> {
            rec(ctx).fact("unicastConfigured", true);
            List<UnicastPeer> peers = new ArrayList<>();
            ctx.valueBlock(w, line -> {
                String a = line.word(0);
                if (InetText.parse(a) == null) {
                    ctx.error(ConfigError.GENERAL_ERROR, "(%s): VRRP unicast peer address '%s' is invalid - ignoring", iname(ctx, cb.vrrp), a);
                } else if (!family(ctx, cb, InetText.looksLike6(a))) {
                    ctx.error(ConfigError.GENERAL_ERROR, "(%s): Unicast peer %s address family does not match instance - ignoring", iname(ctx, cb.vrrp), a);
                } else {
                    peers.add(peerTtls(ctx, line, a));
                }
            });
            List<UnicastPeer> all = new ArrayList<>(listFact(ctx, "peers"));
            all.addAll(peers);
            rec(ctx).fact("peers", List.copyOf(all));
        });
        on.on(p + "track_script", w -> {
            List<Object> tracked = new ArrayList<>(listFact(ctx, "trackScripts"));
            ctx.valueBlock(w, line -> trackScript(ctx, cb, line, tracked));
            rec(ctx).fact("trackScripts", List.copyOf(tracked));
        });
        for (String n : List.of("notify_master", "notify_backup", "notify_fault", "notify_stop", "notify_deleted", "notify",
                "notify_master_rx_lower_pri")) {
            on.on(p + n, w -> {
                NotifyScript s = Scripts.parse(ctx, w, "notify", true);
                // keepalived keeps the first script it accepted for each keyword
                if (s != null && ctx.recorder().currentFact(n) == null) {
                    rec(ctx).fact(n, s);
                }
            });
        }
    }

    private static void staticHandlers(SchemaTables.Bindings on, ParseContext ctx, ConfigBuilder cb) {
        int[] preference = {16384};
        on.on("static_ipaddress", w -> {
            List<IpAddress> addresses = new ArrayList<>();
            ctx.valueBlock(w, line -> {
                IpAddress a = IpAddressLine.parse(ctx, line, true, cb.global.defaultInterface,
                        cb.global.dynamicInterfaces);
                if (a != null) {
                    addresses.add(a);
                }
            });
            ctx.recorder().fact("addresses", List.copyOf(addresses));
        });
        on.on("vrrp_sync_group", w -> {
            if (w.size() != 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "vrrp_sync_group must have a name - skipping");
                rec(ctx).lineFact("rejected", true);
                ctx.skipBlock(true);
                return;
            }
            if (cb.vrrp.syncGroupNames.contains(w.word(1))) {
                ctx.error(ConfigError.GENERAL_ERROR, "vrrp sync group %s already defined", w.word(1));
                rec(ctx).lineFact("rejected", true);
                ctx.skipBlock(true);
                return;
            }
            cb.vrrp.syncGroupNames.add(w.word(1));
        });
        on.on("vrrp_sync_group/group", w -> {
            String name = ctx.recorder().currentBlockName();
            if (ctx.recorder().currentFact("members") != null) {
                ctx.error(ConfigError.GENERAL_ERROR, "Group list already specified for sync group %s", name);
                ctx.skipBlock(true);
                return;
            }
            List<String> members = ctx.readValueBlock(w);
            if (members.isEmpty()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Warning - sync group %s has empty group block", name);
                return;
            }
            ctx.recorder().fact("members", List.copyOf(members));
        });
        on.on("static_routes", w -> ctx.valueBlock(w, line -> RouteLines.route(ctx, line, false)));
        on.on("vrrp_instance/virtual_routes", w -> ctx.valueBlock(w, line -> RouteLines.route(ctx, line, true)));
        on.on(List.of("static_rules", "vrrp_instance/virtual_rules"),
                w -> ctx.valueBlock(w, line -> RouteLines.rule(ctx, line, preference)));
    }

    /**
     * A unicast_peer line's {@code min_ttl N} / {@code max_ttl N} pairs, as alloc_vrrp_unicast_peer() reads
     * them (read_unsigned 0..255; either one also turns check_unicast_src on). Read without reporting:
     * only the address is checked, and reported, on this line.
     */
    private static UnicastPeer peerTtls(ParseContext ctx, Words line, String address) {
        ValueReader quiet = new ValueReader(new Diagnostics(), ctx.configTest());
        int min = UnicastPeer.DEFAULT_MIN_TTL;
        int max = UnicastPeer.DEFAULT_MAX_TTL;
        for (int i = 1; i + 1 < line.size(); i += 2) {
            var n = quiet.readUnsigned(line.word(i + 1), 0, 255, false);
            if (!n.ok()) {
                continue;
            }
            if (line.word(i).equals("min_ttl")) {
                min = n.intValue();
            } else if (line.word(i).equals("max_ttl")) {
                max = n.intValue();
            } else {
                break;
            }
            ctx.recorder().fact("checkUnicastSrc", true);
        }
        return new UnicastPeer(address, min, max);
    }

    /** Sets or checks the instance's address family; false when it conflicts. */
    private static boolean family(ParseContext ctx, ConfigBuilder cb, boolean v6) {
        Object had = ctx.recorder().currentFact("ipv6");
        if (had == null) {
            ctx.recorder().fact("ipv6", v6);
            return true;
        }
        return (Boolean) had == v6;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> listFact(ParseContext ctx, String key) {
        Object v = ctx.recorder().currentFact(key);
        return v == null ? List.of() : (List<T>) v;
    }

    private static void vips(ParseContext ctx, ConfigBuilder cb, Words w, String key) {
        List<IpAddress> list = new ArrayList<>(listFact(ctx, key));
        ctx.valueBlock(w, line -> {
            IpAddress a = IpAddressLine.parse(ctx, line, false, null, cb.global.dynamicInterfaces);
            if (a == null) {
                return;
            }
            if (key.equals("vips") && !family(ctx, cb, a.ipv6())) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s): address family must match VRRP instance [%s] - ignoring", iname(ctx, cb.vrrp), line.word(0));
                return;
            }
            list.add(a);
        });
        ctx.recorder().fact(key, List.copyOf(list));
    }

    private static void trackScript(ParseContext ctx, ConfigBuilder cb, Words line, List<Object> tracked) {
        String name = iname(ctx, cb.vrrp);
        String script = line.word(0);
        int[] def = cb.vrrp.scriptWeights.get(script);
        if (def == null) {
            ctx.error(ConfigError.GENERAL_ERROR, "(%s) track script %s not found, ignoring...", name, script);
            return;
        }
        for (Object o : tracked) {
            if (((Tracked) o).name().equals(script)) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) duplicate track_script %s - ignoring", name, script);
                return;
            }
        }
        int weight = def[0];
        boolean reverse = def[1] != 0;
        if (line.size() >= 2) {
            if (!line.word(1).equals("weight")) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) unknown track script option %s - ignoring", name, line.word(1));
                return;
            }
            if (line.size() == 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) weight without value specified for track script %s - ignoring", name, script);
                return;
            }
            var n = ctx.values().readInt(line.word(2), -254, 254, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) track script %s: weight must be between [-253..253] inclusive, ignoring...", name, script);
            } else if (Math.abs(n.intValue()) == 254) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) weight for %s cannot be +/-254. Setting to +/-253", name, script);
                weight = n.intValue() < 0 ? -253 : 253;
            } else {
                weight = n.intValue();
            }
            if (line.size() >= 4) {
                if (line.word(3).equals("reverse")) {
                    reverse = true;
                } else if (line.word(3).equals("noreverse")) {
                    // alloc_track_script() accepts it, as track_file/track_process/track_bfd do
                    reverse = false;
                } else {
                    ctx.error(ConfigError.GENERAL_ERROR, "(%s) track script %s unknown weight option %s", name, script, line.word(3));
                }
            }
        }
        tracked.add(new Tracked(script, weight, reverse));
    }

    private static void scriptHandlers(SchemaTables.Bindings on, ParseContext ctx, ConfigBuilder cb) {
        String p = "vrrp_script/";
        on.on("vrrp_script", w -> {
            String name = w.word(1);
            cb.vrrp.currentScript = name;
            cb.vrrp.scriptWeights.put(name, new int[] {0, 0});
        });
        on.on(p + "script", w -> {
            NotifyScript s = Scripts.parse(ctx, w, "track", false);
            if (s != null) {
                rec(ctx).fact("script", s);
            }
        });
        on.on(p + "interval", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 0, 0xffffffffL / TIMER_HZ, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s): vrrp script interval '%s' must be between 1 and %d - ignoring", sname(cb), w.word(1), 0xffffffffL / TIMER_HZ);
                return;
            }
            long v = n.value();
            if (v == 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s): vrrp script interval must be greater than 0, setting to 1", sname(cb));
                v = 1;
            }
            rec(ctx).fact("interval", v * TIMER_HZ);
        });
        on.on(p + "timeout", w -> {
            var n = ctx.values().readUnsigned(w.word(1), 0, 0xffffffffL / TIMER_HZ, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s): vrrp script timeout '%s' invalid - ignoring", sname(cb), w.word(1));
                return;
            }
            long v = n.value();
            if (v == 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s): vrrp script timeout must be greater than 0, setting to 1", sname(cb));
                v = 1;
            }
            rec(ctx).fact("timeout", v * TIMER_HZ);
        });
        on.on(p + "weight", w -> {
            var n = ctx.values().readInt(w.word(1), -253, 253, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "vrrp_script %s weight %s must be in [-253, 253]", sname(cb), w.word(1));
            }
            int[] def = cb.vrrp.scriptWeights.getOrDefault(sname(cb), new int[2]);
            // keepalived stores the value even when out of range (strtol's result)
            def[0] = (int) n.value();
            rec(ctx).fact("weight", def[0]);
            if (w.size() >= 3) {
                if (w.word(2).equals("reverse")) {
                    def[1] = 1;
                    rec(ctx).fact("reverse", true);
                } else {
                    ctx.error(ConfigError.GENERAL_ERROR, "vrrp_script %s unknown weight option %s", sname(cb), w.word(2));
                }
            }
        });
        for (String k : List.of("rise", "fall")) {
            on.on(p + k, w -> {
                var n = ctx.values().readUnsigned(w.word(1), 1, Integer.MAX_VALUE, true);
                if (!n.ok()) {
                    ctx.error(ConfigError.GENERAL_ERROR, "(%s): vrrp script %s value '%s' invalid, defaulting to 1", sname(cb), k, w.word(1));
                    rec(ctx).fact(k, 1);
                } else {
                    rec(ctx).fact(k, n.intValue());
                }
            });
        }
        on.close("vrrp_script", () -> {
            // a user line that failed removes the script, unless a later one succeeded (remove_script)
            boolean remove = Boolean.TRUE.equals(ctx.recorder().currentFact("removed"));
            if (ctx.recorder().currentFact("script") == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "No script set for vrrp_script %s - removing", sname(cb));
                remove = true;
            } else if (!remove && ctx.recorder().currentFact("user") == null
                    && !io.jkeepalived.conf.script.DefaultScriptUser.resolve(ctx, cb.global)) {
                ctx.error(ConfigError.GENERAL_ERROR, "Unable to set default user for vrrp script %s - removing", sname(cb));
                remove = true;
            }
            if (remove) {
                cb.vrrp.scriptWeights.remove(sname(cb));
                rec(ctx).fact("removed", true);
            }
        });
        on.on(p + "user", w -> {
            if (ctx.system().userId(w.word(1)).isEmpty()) {
                Object script = ctx.recorder().currentFact("script");
                ctx.error(ConfigError.GENERAL_ERROR, "Unable to set uid/gid for script %s",
                        script == null ? "" : ((NotifyScript) script).quoted());
                rec(ctx).fact("removed", true);
                return;
            }
            rec(ctx).fact("user", w.word(1));
            rec(ctx).fact("removed", false);
        });
    }

    private static String sname(ConfigBuilder cb) {
        return cb.vrrp.currentScript;
    }
}
