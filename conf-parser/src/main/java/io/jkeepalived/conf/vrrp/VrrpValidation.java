package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.ConfigBuilder;
import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.model.vrrp.IpAddress;
import io.jkeepalived.conf.model.vrrp.StaticAddress;
import io.jkeepalived.conf.model.vrrp.TrackFile;
import io.jkeepalived.conf.model.vrrp.TrackProcess;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.conf.model.vrrp.VrrpInstance.AuthType;
import io.jkeepalived.conf.model.vrrp.VrrpInstance.State;
import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.conf.model.vrrp.Tracking;
import io.jkeepalived.conf.model.vrrp.Addressing;
import io.jkeepalived.conf.model.vrrp.VrrpScript;
import io.jkeepalived.conf.model.vrrp.VrrpSyncGroup;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Recorder.Block;
import io.jkeepalived.conf.script.NotifyScript;
import io.jkeepalived.conf.script.ScriptSecurity;
import io.jkeepalived.conf.script.Scripts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end of the VRRP process's reading, as keepalived's {@code vrrp_complete_init()} does it under
 * {@code -t}: script checks, minimal configuration, per-instance defaults and consistency, VRID
 * conflicts; then the immutable model.
 */
final class VrrpValidation {
    private static final long TIMER_HZ = VrrpKeywords.TIMER_HZ;
    private static final long TIMER_CENTI_HZ = TIMER_HZ / 100;

    private VrrpValidation() {
    }

    static void run(ParseContext ctx, ConfigBuilder b) {
        List<Block> allInstances = ctx.recorder().blocks("vrrp_instance");
        List<Block> instances = allInstances.stream()
                .filter(i -> !i.fact("rejected", false)).toList();
        List<Block> scriptBlocks = ctx.recorder().blocks("vrrp_script").stream()
                .filter(s -> !s.fact("removed", false)).toList();
        var rec = ctx.recorder();
        InstanceSettings settings = new InstanceSettings(ctx, b.global);
        List<TrackFile> files = new ArrayList<>();
        Map<String, Tracked> scriptDefaults = new HashMap<>();
        for (Block s : scriptBlocks) {
            scriptDefaults.putIfAbsent(s.setting().arg(),
                    new Tracked(s.setting().arg(), s.fact("weight", 0), s.fact("reverse", false)));
        }
        List<TrackProcess> processes = new ArrayList<>();
        Map<String, List<InstanceSettings.Defined>> defined = settings.definitions(rec.roots(), scriptDefaults, files,
                processes);
        b.vrrp.trackProcesses = List.copyOf(processes);
        b.vrrp.trackFiles = List.copyOf(files);
        List<Setting> roots = rec.roots();
        b.vrrp.garpGroups = StaticNetwork.garpGroups(roots, ctx.values().configTest());
        b.vrrp.staticAddresses = rec.blocks("static_ipaddress").stream()
                .map(a -> new StaticAddress(a.fact("addresses", List.<IpAddress>of()), a.setting())).toList();
        b.vrrp.staticRoutes = StaticNetwork.routes(roots);
        b.vrrp.staticRules = StaticNetwork.rules(roots);
        Set<String> disabledScripts = new HashSet<>();
        if (!instances.isEmpty()) {
            scriptSecurity(ctx, b, instances, scriptBlocks, disabledScripts);
        }
        List<VrrpScript> scripts = new ArrayList<>();
        for (Block s : scriptBlocks) {
            if (disabledScripts.contains(s.setting().arg())) {
                continue;
            }
            long interval = s.fact("interval", TIMER_HZ);
            long timeout = s.fact("timeout", 0L);
            scripts.add(new VrrpScript(s.setting().arg(), s.fact("script", null), interval,
                    timeout == 0 ? interval : timeout, s.fact("weight", 0), s.fact("reverse", false), s.fact("rise", 1),
                    s.fact("fall", 1), s.fact("user", null), s.setting().child("init_fail") != null, s.setting()));
        }
        b.vrrp.scripts = List.copyOf(scripts);

        for (Block i : instances) {
            if (!minimalConfig(ctx, i)) {
                return;
            }
        }
        List<Block> groups = rec.blocks("vrrp_sync_group");
        // computed (and reported) here, as keepalived does, but kept only with the instances they group
        List<VrrpSyncGroup> syncGroups = syncGroups(ctx, settings, groups, defined.get("vrrp_sync_group"), instances,
                disabledScripts);
        List<VrrpInstance> built = new ArrayList<>();
        Set<String> vmacNames = new HashSet<>();
        for (Block i : instances) {
            InstanceSettings.Defined before = defined.get("vrrp_instance").get(indexOf(allInstances, i));
            VrrpInstance v = complete(ctx, b, i, disabledScripts, settings, before,
                    groupPriorityChanges(settings, syncGroups, i.setting().arg()), vmacNames);
            if (v == null) {
                return;
            }
            built.add(SyncMemberTracking.apply(ctx, v, syncGroups));
        }
        vridConflicts(ctx, built);
        b.vrrp.instances = List.copyOf(built);
        b.vrrp.syncGroups = syncGroups;
    }

    private static void scriptSecurity(ParseContext ctx, ConfigBuilder b, List<Block> instances, List<Block> scripts,
                                       Set<String> disabled) {
        int flags = 0;
        boolean secure = b.global.enableScriptSecurity;
        int[] byDefault = io.jkeepalived.conf.script.DefaultScriptUser.ids(ctx, b.global);
        for (Block s : scripts) {
            NotifyScript script = s.fact("script", null);
            String user = s.fact("user", null);
            int[] ids = user == null ? byDefault : new int[] {ctx.system().userId(user).orElse(0),
                    ctx.system().userGroup(user).orElse(0)};
            int f = ScriptSecurity.check(script, ctx.system(), ids[0], ids[1], secure);
            logUnsafe(ctx, f, script, ids, secure);
            if ((f & ScriptSecurity.INHIBIT) != 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "Disabling track script %s due to insecure", s.setting().arg());
                disabled.add(s.setting().arg());
            } else if ((f & ScriptSecurity.NOT_FOUND) != 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "Disabling track script %s since not found/accessible", s.setting().arg());
                disabled.add(s.setting().arg());
            } else if ((f & (ScriptSecurity.EXECUTABLE | ScriptSecurity.SYSTEM)) == 0) {
                disabled.add(s.setting().arg());
            }
            flags |= f;
        }
        List<Block> notifiers = new ArrayList<>(instances);
        notifiers.addAll(ctx.recorder().blocks("vrrp_sync_group"));
        for (Block i : notifiers) {
            for (var line : i.children()) {
                if (line.keyword().startsWith("notify")) {
                    NotifyScript n = Scripts.parseQuietly(ctx, line.setting());
                    int[] ids = n == null || n.uid() == null ? byDefault
                            : new int[] {n.uid(), n.gid() == null ? 0 : n.gid()};
                    int f = ScriptSecurity.check(n, ctx.system(), ids[0], ids[1], secure);
                    logUnsafe(ctx, f, n, ids, secure);
                    flags |= f;
                }
            }
        }
        if (!secure && (flags & ScriptSecurity.IS_SCRIPT) != 0) {
            ctx.error(ConfigError.SECURITY_ERROR, "SECURITY VIOLATION - scripts are being executed but script_security not enabled.%s",
                    (flags & ScriptSecurity.INSECURE) != 0 ? " There are insecure scripts." : "");
        }
    }

    /**
     * keepalived's log line for an insecure script (a log line when running, nothing under -t), then jkeepalived's
     * own naming the path component at fault, so the fix is obvious.
     */
    private static void logUnsafe(ParseContext ctx, int flags, NotifyScript script, int[] ids, boolean secure) {
        if ((flags & ScriptSecurity.INSECURE) == 0 || ctx.configTest()) {
            return;
        }
        String[] why = ScriptSecurity.unsafeComponent(script, ctx.system(), ids[0], ids[1]);
        if (why == null) {
            return;
        }
        ctx.diag().log("Unsafe permissions found for script '%s'%s.", why[0], secure ? " - disabling" : "");
        ctx.diag().log("Unsafe path component for script '%s': %s", why[0], why[1]);
    }

    /** keepalived's vrrp_sync_set_group() for every group, in order; returns the groups it keeps. */
    private static List<VrrpSyncGroup> syncGroups(ParseContext ctx, InstanceSettings settings, List<Block> groups,
                                                  List<InstanceSettings.Defined> defined, List<Block> instances,
                                                  Set<String> disabledScripts) {
        List<VrrpSyncGroup> kept = new ArrayList<>();
        Set<String> grouped = new HashSet<>();
        for (int gi = 0; gi < groups.size(); gi++) {
            Block g = groups.get(gi);
            if (g.fact("rejected", false)) {
                continue;
            }
            String name = g.setting().arg();
            List<String> listed = g.fact("members", null);
            if (listed == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "Sync group %s has no virtual router(s). removing", name);
                continue;
            }
            List<String> members = new ArrayList<>();
            String state = null;
            for (String m : listed) {
                Block inst = instances.stream().filter(i -> m.equals(i.setting().arg())).findFirst().orElse(null);
                if (inst == null) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Virtual router %s specified in sync group %s doesn't exist - ignoring", m, name);
                    continue;
                }
                if (!grouped.add(m)) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Virtual router %s cannot exist in more than one sync group; ignoring %s", m, name);
                    continue;
                }
                members.add(m);
                String want = inst.fact("state", null);
                if ("MASTER".equals(state) && "BACKUP".equals(want)) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Sync group %s has some member(s) as address owner and some not as address owner. This won't work.", name);
                }
                if (!"BACKUP".equals(state)) {
                    state = "MASTER".equals(want) && inst.fact("priority", 0) == 255 ? "MASTER" : "BACKUP";
                }
            }
            if (members.isEmpty()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Sync group %s, no matching virtual router found in group declaration - removing", name);
                continue;
            }
            if (members.size() == 1) {
                ctx.error(ConfigError.GENERAL_ERROR, "Sync group %s has only 1 virtual router(s) - this probably isn't what you want", name);
            }
            Tracking tracking = settings.tracking(g.setting(), null, defined.get(gi));
            tracking = new Tracking(tracking.interfaces(), tracking.scripts().stream()
                    .filter(t -> !disabledScripts.contains(t.name())).toList(), tracking.files(), tracking.processes(),
                    tracking.bfds(), tracking.dontTrackPrimary());
            kept.add(new VrrpSyncGroup(name, members, tracking,
                    settings.groupNotify(g.setting()), InstanceSettings.groupTrackingWeight(g.setting()), g.setting()));
        }
        return List.copyOf(kept);
    }

    private static boolean minimalConfig(ParseContext ctx, Block i) {
        String name = i.setting().arg();
        if (i.fact("vrid", 0) == 0) {
            ctx.error(ConfigError.GENERAL_ERROR, "(%s) the virtual router id must be set", name);
            return false;
        }
        String ifname = i.fact("interface", "");
        boolean unicast = !i.fact("peers", List.of()).isEmpty();
        if ((ifname.isEmpty() || i.fact("interfaceMissing", false)) && !unicast) {
            ctx.error(ConfigError.GENERAL_ERROR, "(%s) Unknown interface!", name);
            return false;
        }
        return true;
    }

    private static VrrpInstance complete(ParseContext ctx, ConfigBuilder b, Block i, Set<String> disabledScripts,
                                         InstanceSettings settings, InstanceSettings.Defined before,
                                         Boolean groupPriorityChanges, Set<String> vmacNames) {
        String name = i.setting().arg();
        boolean v6 = i.fact("ipv6", false);
        int version = i.fact("version", 0);
        if (version == 0) {
            version = v6 ? 3 : b.global.vrrpVersion;
        }
        List<IpAddress> vips = i.fact("vips", List.of());
        if (vips.isEmpty()) {
            if (version == 3) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) No VIP specified; at least one is required", name);
                return null;
            }
            ctx.error(ConfigError.GENERAL_ERROR, "(%s) No VIP specified; at least one is sensible", name);
        }
        String stateText = i.fact("state", null);
        int priority = i.fact("priority", 0);
        if (priority == 0) {
            priority = "MASTER".equals(stateText) ? 255 : 100;
        }
        State state = stateText == null ? (priority == 255 ? State.MASTER : State.BACKUP) : State.valueOf(stateText);

        String typeText = i.fact("authType", null);
        AuthType auth = typeText == null ? AuthType.NONE : AuthType.valueOf(typeText);
        String pass = i.fact("authPass", "");
        if (auth != AuthType.NONE && version == 3) {
            ctx.error(ConfigError.GENERAL_ERROR, "(%s) VRRP version 3 does not support authentication. Ignoring.", name);
            auth = AuthType.NONE;
        } else if (auth != AuthType.NONE && pass.isEmpty()) {
            ctx.error(ConfigError.GENERAL_ERROR, "(%s) Authentication specified but no password given. Ignoring", name);
            auth = AuthType.NONE;
        } else if (v6 && auth == AuthType.AH) {
            ctx.error(ConfigError.GENERAL_ERROR, "(%s) Cannot use AH authentication with IPv6. ignoring", name);
            auth = AuthType.NONE;
        } else if (auth == AuthType.AH && state == State.MASTER) {
            ctx.error(ConfigError.GENERAL_ERROR, "(%s) Initial state master is incompatible with AH authentication - clearing", name);
            state = State.BACKUP;
        }

        boolean nopreempt = i.fact("nopreempt", false);
        long preemptDelay = i.fact("preemptDelay", 0L);
        if (priority == 255 && nopreempt) {
            ctx.error(ConfigError.GENERAL_ERROR, "(%s) nopreempt is incompatible with priority %d. resetting nopreempt", name, 255);
            nopreempt = false;
        }
        if (state == State.MASTER) {
            if (nopreempt) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) Warning - nopreempt will not work with initial state MASTER - clearing", name);
                nopreempt = false;
            }
            if (preemptDelay != 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) Warning - preempt delay will not work with initial state MASTER - clearing", name);
                preemptDelay = 0;
            }
        }

        long adver = i.fact("advert", 0L);
        if (adver == 0) {
            adver = TIMER_HZ;
        }
        if (version == 2) {
            if (adver >= 256 * TIMER_HZ) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) VRRPv2 advertisement interval %.2fs is out of range. Must be less than %ds. Setting to %ds",
                        name, adver / (double) TIMER_HZ, 256, 255);
                adver = 255 * TIMER_HZ;
            } else if (adver % TIMER_HZ != 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) VRRPv2 advertisement interval %fs must be an integer. rounding",
                        name, adver / (double) TIMER_HZ);
                adver = adver + TIMER_HZ / 2;
                adver -= adver % TIMER_HZ;
                if (adver == 0) {
                    adver = TIMER_HZ;
                }
            }
        } else {
            if (adver >= 4096 * TIMER_CENTI_HZ) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) VRRPv3 advertisement interval %.2fs is out of range. Must be less than %.2fs. Setting to %.2fs",
                        name, adver / (double) TIMER_HZ, 40.96, 40.95);
                adver = 4095 * TIMER_CENTI_HZ;
            } else if (adver % TIMER_CENTI_HZ != 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) VRRPv3 advertisement interval %fs must be in units of 10ms - rounding",
                        name, adver / (double) TIMER_HZ);
                adver = adver + TIMER_CENTI_HZ / 2;
                adver -= adver % TIMER_CENTI_HZ;
                if (adver == 0) {
                    adver = TIMER_CENTI_HZ;
                }
            }
        }
        List<Tracked> tracked = i.<List<Tracked>>fact("trackScripts", List.of()).stream()
                .filter(t -> !disabledScripts.contains(t.name())).toList();
        String ifname = i.fact("interface", "");
        boolean hasInterface = !ifname.isEmpty() && !i.fact("interfaceMissing", false);
        Addressing addressing = settings.addressing(i, v6);
        InstanceSettings.Rest rest = settings.rest(i.setting(), priority, version, hasInterface);
        return new VrrpInstance(name, state, ifname, settings.vrf(i.setting()), i.fact("vrid", 0), priority, adver,
                version, v6, auth, auth == AuthType.NONE ? "" : pass, nopreempt, preemptDelay, vips,
                i.fact("evips", List.of()), InstanceSettings.lines(i.setting(), "virtual_routes"),
                InstanceSettings.lines(i.setting(), "virtual_rules"), addressing,
                settings.tracking(i.setting(), tracked, before), settings.instanceNotify(i, groupPriorityChanges),
                rest.garp(), settings.vmac(i, addressing.unicastConfigured(), hasInterface, vmacNames),
                rest.options(), i.setting());
    }

    /** The position of a kept block among all recorded blocks of its keyword (rejected ones included). */
    private static int indexOf(List<Block> all, Block b) {
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k) == b) {
                return k;
            }
        }
        return 0;
    }

    /** The explicit notify_priority_changes of the sync group an instance is in, or null. */
    private static Boolean groupPriorityChanges(InstanceSettings settings, List<VrrpSyncGroup> kept, String instance) {
        for (VrrpSyncGroup g : kept) {
            if (g.members().contains(instance)) {
                return settings.groupPriorityChanges(g.source());
            }
        }
        return null;
    }

    /** Two multicast instances with one VRID on one interface and family would answer each other's adverts. */
    private static void vridConflicts(ParseContext ctx, List<VrrpInstance> all) {
        for (int a = 0; a < all.size(); a++) {
            VrrpInstance v = all.get(a);
            for (int c = a + 1; c < all.size(); c++) {
                VrrpInstance w = all.get(c);
                if (v.ipv6() != w.ipv6() || v.virtualRouterId() != w.virtualRouterId()) {
                    continue;
                }
                boolean vu = !v.unicastPeers().isEmpty();
                boolean wu = !w.unicastPeers().isEmpty();
                if (vu != wu) {
                    continue;
                }
                if (vu) {
                    if (!v.interfaceName().equals(w.interfaceName()) || v.unicastPeers().stream().noneMatch(w.unicastPeers()::contains)) {
                        continue;
                    }
                } else if (!v.interfaceName().equals(w.interfaceName())) {
                    continue;
                }
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) duplicate VRID conflict with %s VRID %d", v.name(), w.name(), v.virtualRouterId());
            }
        }
    }
}
