package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.global.GlobalDefsBuilder;
import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.model.vrrp.Addressing;
import io.jkeepalived.conf.model.vrrp.GarpSettings;
import io.jkeepalived.conf.model.vrrp.InstanceNotify;
import io.jkeepalived.conf.model.vrrp.InstanceOptions;
import io.jkeepalived.conf.model.vrrp.TrackFile;
import io.jkeepalived.conf.model.vrrp.TrackProcess;
import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.conf.model.vrrp.Tracking;
import io.jkeepalived.conf.model.vrrp.UnicastPeer;
import io.jkeepalived.conf.model.vrrp.VmacSettings;
import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.conf.parser.Diagnostics;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Recorder.Block;
import io.jkeepalived.conf.parser.ValueReader;
import io.jkeepalived.conf.script.NotifyScript;
import io.jkeepalived.conf.script.Scripts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The typed values of the {@code vrrp_instance} / {@code vrrp_sync_group} keywords that no handler checks
 * while reading (their range checks, when keepalived has one, are {@code ValueChecks}' and were reported
 * then). They are read again here from the recorded lines, with the same {@link ValueReader} calls and a
 * diagnostics sink nobody reads, so a value is accepted exactly when it was accepted (and reported) on its
 * line, and nothing is reported twice. Each keyword is applied in file order with keepalived's rules
 * (vrrp_parser.c handlers, alloc_vrrp() defaults, vrrp_complete_instance() inheritance).
 */
final class InstanceSettings {
    private static final long TIMER_HZ = VrrpKeywords.TIMER_HZ;
    private static final long UINT_MAX = 0xffffffffL;

    /** The objects a tracker can name, as defined before the block that tracks them (keepalived resolves on read). */
    record Defined(Map<String, Tracked> scripts, Map<String, TrackFile> files, Map<String, Tracked> processes,
                   Map<String, Tracked> bfds) {
    }

    private final ParseContext ctx;
    private final GlobalDefsBuilder global;
    private final ValueReader quiet;

    InstanceSettings(ParseContext ctx, GlobalDefsBuilder global) {
        this.ctx = ctx;
        this.global = global;
        this.quiet = new ValueReader(new Diagnostics(), ctx.configTest());
    }

    // ---- root definitions, in file order -------------------------------------------------------

    /**
     * Walks the root blocks in file order: the track files kept, and for every {@code vrrp_instance} and
     * {@code vrrp_sync_group} root (rejected ones included, matching {@code Recorder.blocks}) what was
     * defined before it.
     */
    Map<String, List<Defined>> definitions(List<Setting> roots, Map<String, Tracked> scriptDefaults,
                                           List<TrackFile> filesOut, List<TrackProcess> processesOut) {
        Map<String, Tracked> scripts = new LinkedHashMap<>();
        Map<String, TrackFile> files = new LinkedHashMap<>();
        Map<String, Tracked> processes = new LinkedHashMap<>();
        Map<String, Tracked> bfds = new LinkedHashMap<>();
        Map<String, List<Defined>> out = new HashMap<>();
        out.put("vrrp_instance", new ArrayList<>());
        out.put("vrrp_sync_group", new ArrayList<>());
        for (Setting s : roots) {
            switch (s.keyword()) {
                case "track_file", "vrrp_track_file" -> {
                    TrackFile f = trackFile(s);
                    if (f != null) {
                        filesOut.add(f);
                        // find_tracked_file_by_name() returns the first of that name
                        files.putIfAbsent(f.name(), f);
                    }
                }
                case "vrrp_script" -> {
                    Tracked t = s.args().isEmpty() ? null : scriptDefaults.get(s.arg());
                    if (t != null) {
                        scripts.putIfAbsent(t.name(), t);
                    }
                }
                case "vrrp_track_process" -> {
                    TrackProcess p = trackProcess(s);
                    if (p != null) {
                        processesOut.add(p);
                        processes.putIfAbsent(p.name(), new Tracked(p.name(), p.weight(), p.reverse()));
                    }
                }
                case "bfd_instance" -> {
                    Tracked b = bfdInstance(s);
                    if (b != null) {
                        bfds.putIfAbsent(b.name(), b);
                    }
                }
                case "vrrp_instance", "vrrp_sync_group" -> out.get(s.keyword())
                        .add(new Defined(Map.copyOf(scripts), Map.copyOf(files), Map.copyOf(processes), Map.copyOf(bfds)));
                default -> {
                }
            }
        }
        return out;
    }

    /** track_file.c: file (first wins), weight (only while still 1), init_file; dropped without a file. */
    private TrackFile trackFile(Setting s) {
        if (s.args().isEmpty()) {
            return null;
        }
        String file = null;
        int weight = 1;
        boolean reverse = false;
        boolean init = false;
        int initValue = 0;
        boolean overwrite = false;
        for (Setting c : s.children()) {
            switch (c.keyword()) {
                case "file" -> {
                    if (!c.args().isEmpty() && file == null) {
                        file = c.arg();
                    }
                }
                case "weight" -> {
                    if (c.args().isEmpty() || weight != 1) {
                        continue;
                    }
                    var n = quiet.readInt(c.arg(), -254, 254, true);
                    weight = n.ok() ? n.intValue() : 1;
                    if (c.args().size() >= 2 && c.args().get(1).equals("reverse")) {
                        reverse = true;
                    }
                }
                case "init_file" -> {
                    init = true;
                    initValue = 0;
                    overwrite = false;
                    for (String a : c.args()) {
                        String word = a.stripLeading();
                        if (!word.isEmpty() && (Character.isDigit(word.charAt(0)) || word.charAt(0) == '-')) {
                            var n = quiet.readInt(a, Integer.MIN_VALUE, Integer.MAX_VALUE, false);
                            initValue = n.ok() ? n.intValue() : 0;
                        } else if (word.equals("overwrite")) {
                            overwrite = true;
                        }
                    }
                }
                default -> {
                }
            }
        }
        return file == null ? null : new TrackFile(s.arg(), file, weight, reverse, init, initValue, overwrite, s);
    }

    /** vrrp_parser.c's vrrp_tprocess_* handlers; dropped without a process (vrrp_tprocess_end_handler). */
    private TrackProcess trackProcess(Setting s) {
        if (s.args().isEmpty()) {
            return null;
        }
        String process = null;
        List<String> params = List.of();
        String match = "none";
        int weight = 0;
        boolean reverse = false;
        long quorum = 1;
        long quorumMax = UINT_MAX;
        long terminateDelay = 0;
        long forkDelay = 0;
        boolean full = false;
        for (Setting c : s.children()) {
            String a = c.arg();
            switch (c.keyword()) {
                case "process" -> {
                    if (process == null && a != null) {
                        process = a;
                        if (c.args().size() > 1) {
                            params = c.args().subList(1, c.args().size());
                            if (match.equals("none")) {
                                match = "exact";
                            }
                            full = true;
                        }
                    }
                }
                case "param_match" -> {
                    if (a == null) {
                        match = "exact";
                        full = true;
                    } else if (a.equals("initial") || a.equals("partial")) {
                        match = a;
                        full = true;
                    }
                }
                case "weight" -> {
                    if (a == null || weight != 0) {
                        continue;
                    }
                    var n = quiet.readInt(a, -254, 254, true);
                    if (!n.ok()) {
                        continue;
                    }
                    if (c.args().size() >= 2 && c.args().get(1).equals("reverse")) {
                        reverse = true;
                    }
                    weight = n.intValue();
                }
                case "quorum" -> {
                    var n = a == null ? null : quiet.readUnsigned(a, 1, 65535, true);
                    if (n != null && n.ok() && n.value() <= quorumMax) {
                        quorum = n.value();
                    }
                }
                case "quorum_max" -> {
                    var n = a == null ? null : quiet.readUnsigned(a, 0, 65535, true);
                    if (n == null || !n.ok() || ((n.value() != 0 || quorum > 1) && n.value() < quorum)) {
                        continue;
                    }
                    quorumMax = n.value();
                    if (quorumMax == 0) {
                        quorum = 0;
                    } else if (quorum == 0) {
                        quorum = 1;
                    }
                }
                case "delay", "terminate_delay", "fork_delay" -> {
                    var n = a == null ? null
                            : quiet.readDecimal(a, 1, 3600 * TIMER_HZ, VrrpKeywords.TIMER_HZ_DIGITS, true);
                    if (n != null && n.ok()) {
                        if (!c.keyword().equals("fork_delay")) {
                            terminateDelay = n.value();
                        }
                        if (!c.keyword().equals("terminate_delay")) {
                            forkDelay = n.value();
                        }
                    }
                }
                case "full_command" -> full = true;
                default -> {
                }
            }
        }
        return process == null ? null : new TrackProcess(s.arg(), process, params, match, weight, reverse, quorum,
                quorumMax, terminateDelay, forkDelay, full, s);
    }

    /** bfd_instance as the VRRP process keeps it: its weight; not kept when it names only other processes. */
    private Tracked bfdInstance(Setting s) {
        if (s.args().isEmpty()) {
            return null;
        }
        if (s.child("checker") != null && s.child("vrrp") == null) {
            return null;
        }
        int weight = 0;
        boolean reverse = false;
        for (Setting c : s.all("weight")) {
            if (c.args().isEmpty()) {
                continue;
            }
            var n = quiet.readInt(c.arg(), -253, 253, true);
            if (n.ok()) {
                weight = n.intValue();
            }
            if (c.args().size() >= 2 && c.args().get(1).equals("reverse")) {
                reverse = true;
            }
        }
        return new Tracked(s.arg(), weight, reverse);
    }

    // ---- tracking ---------------------------------------------------------------------------------

    /**
     * @param scripts the track_script entries the handler kept, or null to read them here (a sync group's,
     *                which no handler reads)
     */
    Tracking tracking(Setting block, List<Tracked> scripts, Defined defined) {
        List<Tracked> readScripts = new ArrayList<>();
        List<Tracked> interfaces = new ArrayList<>();
        List<Tracked> files = new ArrayList<>();
        List<Tracked> processes = new ArrayList<>();
        List<Tracked> bfds = new ArrayList<>();
        boolean dontTrackPrimary = false;
        for (Setting c : block.children()) {
            List<List<String>> values = c.values().stream().filter(v -> !v.isEmpty()).toList();
            switch (c.keyword()) {
                case "track_interface" -> values.forEach(v -> trackInterface(v, interfaces));
                case "track_script" -> values.forEach(v -> trackScript(v, defined.scripts().get(v.get(0)), readScripts));
                case "track_file" -> values.forEach(v -> {
                    TrackFile f = defined.files().get(v.get(0));
                    track(v, f == null ? null : new Tracked(f.name(), f.weight(), f.reverse()), files, -254, 254, true);
                });
                case "track_process" -> values.forEach(v ->
                        track(v, defined.processes().get(v.get(0)), processes, -254, 254, false));
                case "track_bfd" -> values.forEach(v ->
                        track(v, defined.bfds().get(v.get(0)), bfds, -253, 253, true));
                case "dont_track_primary" -> dontTrackPrimary = true;
                default -> {
                }
            }
        }
        return new Tracking(interfaces, scripts != null ? scripts : readScripts, files, processes, bfds,
                dontTrackPrimary);
    }

    /** alloc_track_script(): as the instance handler reads it. */
    private void trackScript(List<String> v, Tracked def, List<Tracked> out) {
        if (def == null || out.stream().anyMatch(t -> t.name().equals(def.name()))) {
            return;
        }
        int weight = def.weight();
        boolean reverse = def.reverse();
        if (v.size() >= 2) {
            if (!v.get(1).equals("weight") || v.size() == 2) {
                return;
            }
            var n = quiet.readInt(v.get(2), -254, 254, true);
            if (n.ok()) {
                weight = Math.abs(n.intValue()) == 254 ? (n.intValue() < 0 ? -253 : 253) : n.intValue();
            }
            if (v.size() >= 4 && v.get(3).equals("reverse")) {
                reverse = true;
            } else if (v.size() >= 4 && v.get(3).equals("noreverse")) {
                reverse = false;
            }
        }
        out.add(new Tracked(def.name(), weight, reverse));
    }

    /** alloc_track_if(): the interface must exist (or be creatable with dynamic_interfaces). */
    private void trackInterface(List<String> v, List<Tracked> out) {
        String name = v.get(0);
        if (!global.dynamicInterfaces && ctx.system().findInterface(name).isEmpty()) {
            return;
        }
        if (out.stream().anyMatch(t -> t.name().equals(name))) {
            return;
        }
        int weight = 0;
        boolean reverse = false;
        if (v.size() >= 2) {
            if (!v.get(1).equals("weight") || v.size() == 2) {
                return;
            }
            var n = quiet.readInt(v.get(2), -254, 254, true);
            if (!n.ok()) {
                weight = 0;
            } else if (Math.abs(n.intValue()) == 254) {
                weight = n.intValue() < 0 ? -253 : 253;
            } else {
                weight = n.intValue();
            }
            if (v.size() >= 4 && v.get(3).equals("reverse")) {
                reverse = true;
            }
        }
        out.add(new Tracked(name, weight, reverse));
    }

    /**
     * vrrp_alloc_track_file() / alloc_track_process() / alloc_track_bfd(): {@code NAME [weight N [reverse|noreverse]]},
     * the default weight being the tracked object's.
     */
    private void track(List<String> v, Tracked def, List<Tracked> out, int min, int max, boolean badOptionDrops) {
        if (def == null || out.stream().anyMatch(t -> t.name().equals(def.name()))) {
            return;
        }
        int weight = def.weight();
        boolean reverse = def.reverse();
        if (v.size() >= 2) {
            if (!v.get(1).equals("weight") || v.size() == 2) {
                return;
            }
            var n = quiet.readInt(v.get(2), min, max, true);
            if (n.ok()) {
                weight = n.intValue();
            }
            if (v.size() >= 4) {
                switch (v.get(3)) {
                    case "reverse" -> reverse = true;
                    case "noreverse" -> reverse = false;
                    default -> {
                        if (badOptionDrops) {
                            return;
                        }
                    }
                }
            }
        }
        out.add(new Tracked(def.name(), weight, reverse));
    }

    // ---- notify ------------------------------------------------------------------------------------

    /** The notify scripts of a sync group (no handler records them): re-read without reporting. */
    InstanceNotify groupNotify(Setting group) {
        Map<String, NotifyScript> scripts = new HashMap<>();
        Boolean smtp = null;
        boolean priorityChanges = false;
        for (Setting c : group.children()) {
            switch (c.keyword()) {
                case "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify" -> {
                    if (!scripts.containsKey(c.keyword())) {
                        NotifyScript s = script(c);
                        if (s != null) {
                            scripts.put(c.keyword(), s);
                        }
                    }
                }
                case "smtp_alert" -> {
                    Boolean b = bool(c);
                    if (b != null) {
                        smtp = b;
                    }
                }
                case "notify_priority_changes" -> {
                    Boolean b = bool(c);
                    if (b != null) {
                        priorityChanges = b;
                    }
                }
                default -> {
                }
            }
        }
        return new InstanceNotify(scripts.get("notify_master"), scripts.get("notify_backup"),
                scripts.get("notify_fault"), scripts.get("notify_stop"), null, false, scripts.get("notify"), null,
                smtp != null ? smtp : smtpDefault(), priorityChanges);
    }

    /** A group's explicit notify_priority_changes, or null: the default of its members. */
    Boolean groupPriorityChanges(Setting group) {
        Boolean r = null;
        for (Setting c : group.all("notify_priority_changes")) {
            Boolean b = bool(c);
            if (b != null) {
                r = b;
            }
        }
        return r;
    }

    /** An instance's notify settings: scripts from the handlers' facts, flags from the lines. */
    InstanceNotify instanceNotify(Block i, Boolean groupPriorityChanges) {
        Boolean smtp = null;
        Boolean priorityChanges = null;
        boolean deleted = false;
        for (Setting c : i.setting().children()) {
            switch (c.keyword()) {
                case "smtp_alert" -> {
                    Boolean b = bool(c);
                    if (b != null) {
                        smtp = b;
                    }
                }
                case "notify_priority_changes" -> {
                    Boolean b = bool(c);
                    if (b != null) {
                        priorityChanges = b;
                    }
                }
                case "notify_deleted" -> deleted = true;
                default -> {
                }
            }
        }
        if (priorityChanges == null) {
            priorityChanges = groupPriorityChanges != null ? groupPriorityChanges : global.vrrpNotifyPriorityChanges;
        }
        return new InstanceNotify(i.fact("notify_master", null), i.fact("notify_backup", null),
                i.fact("notify_fault", null), i.fact("notify_stop", null), i.fact("notify_deleted", null), deleted,
                i.fact("notify", null), i.fact("notify_master_rx_lower_pri", null),
                smtp != null ? smtp : smtpDefault(), priorityChanges);
    }

    private boolean smtpDefault() {
        if (global.smtpAlertVrrp != null) {
            return global.smtpAlertVrrp;
        }
        return global.smtpAlert != null && global.smtpAlert;
    }

    /** A script line re-read quietly: the command, then {@code [user [group]]} (dropped if unknown). */
    private NotifyScript script(Setting line) {
        NotifyScript s = Scripts.parseQuietly(ctx, line);
        if (s == null || line.args().size() < 2) {
            return s;
        }
        String user = line.args().get(1);
        Optional<Integer> u = ctx.system().userId(user);
        Optional<Integer> g = line.args().size() > 2 ? ctx.system().groupId(line.args().get(2))
                : ctx.system().userGroup(user);
        if (u.isEmpty() || g.isEmpty()) {
            return null;
        }
        return new NotifyScript(s.args(), u.get(), g.get());
    }

    /** {@code KEYWORD [BOOL]}: true when bare, null when the word is not a boolean (the line is ignored). */
    private static Boolean bool(Setting c) {
        if (c.args().isEmpty()) {
            return true;
        }
        int r = ValueReader.checkTrueFalse(c.arg());
        return r < 0 ? null : r == 1;
    }

    /** sync_group_tracking_weight or the deprecated global_tracking. */
    static boolean groupTrackingWeight(Setting group) {
        return group.child("sync_group_tracking_weight") != null || group.child("global_tracking") != null;
    }

    // ---- unicast / multicast ------------------------------------------------------------------------

    Addressing addressing(Block i, boolean v6) {
        List<UnicastPeer> peers = i.fact("peers", List.of());
        boolean configured = i.fact("unicastConfigured", false);
        boolean check = global.vrrpCheckUnicastSrc || i.fact("checkUnicastSrc", false);
        boolean faultNoPeer = false;
        boolean trackSrc = false;
        String mcastDst = null;
        String oldChecksum = null;
        long ttl = -1;
        for (Setting c : i.setting().children()) {
            switch (c.keyword()) {
                case "check_unicast_src" -> {
                    configured = true;
                    check = true;
                }
                case "unicast_fault_no_peer" -> {
                    configured = true;
                    faultNoPeer = true;
                }
                case "old_unicast_checksum" -> {
                    configured = true;
                    if (c.args().isEmpty()) {
                        oldChecksum = "";
                    } else if (c.arg().equals("never")) {
                        oldChecksum = "never";
                    }
                }
                case "track_src_ip" -> trackSrc = true;
                case "unicast_ttl" -> {
                    if (!c.args().isEmpty()) {
                        var n = quiet.readUnsigned(c.arg(), 0, 255, false);
                        if (n.ok()) {
                            ttl = n.value();
                        }
                    }
                }
                case "mcast_dst_ip" -> {
                    if (!c.args().isEmpty()) {
                        String a = c.arg();
                        byte[] raw = InetText.parse(a);
                        if (raw != null && (raw.length == 16) == v6 && multicast(raw)) {
                            mcastDst = a;
                        }
                    }
                }
                default -> {
                }
            }
        }
        // vrrp_end_handler(): unicast_ttl means nothing without peers
        if (peers.isEmpty() && ttl != -1) {
            ttl = 0;
        }
        // vrrp_complete_instance(): IPv4's default TTL, IPv6 left to the kernel
        if (!v6 && ttl == -1) {
            ttl = 255;
        }
        if (!peers.isEmpty()) {
            mcastDst = null;
        }
        return new Addressing(i.fact("srcIp", null), peers, configured, (int) ttl, check, faultNoPeer, mcastDst,
                trackSrc, oldChecksum);
    }

    /** IPv4 224/4, or IPv6 link-local multicast ff02::/16 (what keepalived accepts for mcast_dst_ip). */
    private static boolean multicast(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xf0) == 0xe0;
        }
        return (a[0] & 0xff) == 0xff && (a[1] & 0x0f) == 0x02;
    }

    // ---- vmac --------------------------------------------------------------------------------------

    VmacSettings vmac(Block i, boolean unicastConfigured, boolean hasInterface, Set<String> vmacNamesInUse) {
        boolean use = false;
        String name = null;
        String mac = null;
        boolean xmitBase = false;
        boolean addr = false;
        boolean ipvlan = false;
        String ipvlanAddress = null;
        String ipvlanMode = null;
        for (Setting c : i.setting().children()) {
            switch (c.keyword()) {
                case "use_vmac" -> {
                    use = true;
                    for (int k = 0; k < c.args().size() && k < 2; k++) {
                        String w = c.args().get(k);
                        if (w.indexOf(':') >= 0) {
                            if (mac == null && validVmacMac(w)) {
                                mac = w;
                            }
                        } else if (name == null && devNameValid(w) && !vmacNamesInUse.contains(w)) {
                            name = w;
                        }
                    }
                }
                case "use_vmac_addr" -> addr = true;
                case "vmac_xmit_base" -> xmitBase = true;
                case "use_ipvlan" -> {
                    if (ipvlan) {
                        continue; // "use_ipvlan already specified"
                    }
                    ipvlan = true;
                    for (String w : c.args()) {
                        if (w.equals("bridge") || w.equals("private") || w.equals("vepa")) {
                            if (ipvlanMode == null) {
                                ipvlanMode = w;
                            }
                        } else if (InetText.parse(w.contains("/") ? w.substring(0, w.indexOf('/')) : w) != null) {
                            if (ipvlanAddress == null) {
                                ipvlanAddress = w;
                            }
                        } else if (name == null && w.length() < 16 && !vmacNamesInUse.contains(w)) {
                            name = w;
                        }
                    }
                }
                default -> {
                }
            }
        }
        // vrrp_end_handler(): unicast with a VMAC needs an interface, and sends on the base one
        if (unicastConfigured && (use || ipvlan)) {
            if (!hasInterface) {
                use = false;
                ipvlan = false;
                name = null;
            } else {
                xmitBase = true;
            }
        }
        if (name != null) {
            vmacNamesInUse.add(name);
        }
        return new VmacSettings(use, name, mac, xmitBase, addr, ipvlan, ipvlanAddress, ipvlanMode);
    }

    /** The kernel's dev_valid_name(): what a macvlan may be called. */
    private static boolean devNameValid(String n) {
        if (n.isEmpty() || n.length() >= 16 || n.equals(".") || n.equals("..")) {
            return false;
        }
        for (int k = 0; k < n.length(); k++) {
            char ch = n.charAt(k);
            if (ch == '/' || ch == ':' || Character.isWhitespace(ch)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A use_vmac MAC: six hex octets (or five, the last taken from the VRID), not multicast and not the
     * RFC 5798 virtual router MACs themselves.
     */
    private static boolean validVmacMac(String s) {
        if (!s.matches("[0-9A-Fa-f:]+")) {
            return false;
        }
        String[] parts = s.endsWith(":") ? s.substring(0, s.length() - 1).split(":", -1) : s.split(":", -1);
        if (parts.length != 6 && parts.length != 5) {
            return false;
        }
        int[] b = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            if (parts[k].isEmpty() || parts[k].length() > 2) {
                return false;
            }
            b[k] = Integer.parseInt(parts[k], 16);
        }
        if ((b[0] & 1) != 0) {
            return false;
        }
        return !(b[0] == 0 && b[1] == 0 && b[2] == 0x5e && b[3] == 0 && (b[4] == 1 || b[4] == 2));
    }

    // ---- garp and options ----------------------------------------------------------------------------

    /** The per-instance values before vrrp_complete_instance() fills the unset ones. */
    private static final class Raw {
        Boolean strict;
        Boolean accept;
        boolean skipCheckAdvAddr;
        Boolean lowerPrioNoAdvert;
        Boolean higherPrioSendAdvert;
        int downTimerAdverts;
        boolean promoteSecondaries;
        boolean nativeIpv6;
        int debug;
        long rxBuf;
        boolean linkbeat;
        long garpDelay;
        long garpRefresh;
        int garpRep;
        int garpRefreshRep;
        long lowerPrioDelay = -1;
        long lowerPrioRep = -1;
        long extraIf = -1;
        boolean extraIfAll;
    }

    private Raw raw(Setting inst) {
        Raw r = new Raw();
        r.skipCheckAdvAddr = global.vrrpSkipCheckAdvAddr;
        r.downTimerAdverts = global.vrrpDownTimerAdverts;
        r.garpDelay = global.vrrpGarpMasterDelayMicros;
        r.garpRefresh = global.vrrpGarpMasterRefreshMicros;
        r.garpRep = global.vrrpGarpMasterRepeat;
        r.garpRefreshRep = global.vrrpGarpMasterRefreshRepeat;
        for (Setting c : inst.children()) {
            String a = c.arg();
            switch (c.keyword()) {
                case "strict_mode" -> {
                    Boolean b = bool(c);
                    if (b != null) {
                        r.strict = b;
                    }
                }
                case "skip_check_adv_addr" -> {
                    // keepalived sets the flag for any valid boolean, "false" included
                    if (bool(c) != null) {
                        r.skipCheckAdvAddr = true;
                    }
                }
                case "lower_prio_no_advert" -> {
                    Boolean b = bool(c);
                    if (b != null) {
                        r.lowerPrioNoAdvert = b;
                    }
                }
                case "higher_prio_send_advert" -> {
                    Boolean b = bool(c);
                    if (b != null) {
                        r.higherPrioSendAdvert = b;
                    }
                }
                case "accept" -> r.accept = true;
                case "no_accept" -> r.accept = false;
                case "promote_secondaries" -> r.promoteSecondaries = true;
                case "native_ipv6" -> r.nativeIpv6 = true;
                case "linkbeat_use_polling" -> r.linkbeat = true;
                case "down_timer_adverts" -> {
                    var n = a == null ? null : quiet.readUnsigned(a, 1, 100, true);
                    if (n != null && n.ok()) {
                        r.downTimerAdverts = n.intValue();
                    }
                }
                case "debug" -> {
                    var n = a == null ? null : quiet.readUnsigned(a, 0, 4, true);
                    if (n != null && n.ok()) {
                        r.debug = n.intValue();
                    }
                }
                case "kernel_rx_buf_size" -> {
                    if (c.args().size() == 1) {
                        var n = quiet.readUnsigned(a, 0, UINT_MAX, false);
                        if (n.ok()) {
                            r.rxBuf = n.value();
                        }
                    }
                }
                case "garp_master_delay" -> {
                    var n = a == null ? null : quiet.readUnsigned(a, 0, UINT_MAX / TIMER_HZ, true);
                    if (n != null && n.ok()) {
                        r.garpDelay = n.value() * TIMER_HZ;
                    }
                }
                case "garp_master_refresh" -> {
                    var n = a == null ? null : quiet.readUnsigned(a, 0, UINT_MAX, true);
                    r.garpRefresh = n != null && n.ok() ? n.value() * TIMER_HZ : 0;
                }
                case "garp_master_repeat" -> {
                    var n = a == null ? null : quiet.readUnsigned(a, 0, UINT_MAX, true);
                    if (n != null && n.ok()) {
                        r.garpRep = (int) Math.max(1, n.value());
                    }
                }
                case "garp_master_refresh_repeat" -> {
                    var n = a == null ? null : quiet.readUnsigned(a, 0, UINT_MAX, true);
                    if (n != null && n.ok()) {
                        r.garpRefreshRep = (int) Math.max(1, n.value());
                    }
                }
                case "garp_lower_prio_delay" -> {
                    var n = a == null ? null : quiet.readUnsigned(a, 0, UINT_MAX / TIMER_HZ, true);
                    if (n != null && n.ok()) {
                        r.lowerPrioDelay = n.value() * TIMER_HZ;
                    }
                }
                case "garp_lower_prio_repeat" -> {
                    var n = a == null ? null : quiet.readUnsigned(a, 0, Integer.MAX_VALUE, true);
                    if (n != null && n.ok()) {
                        r.lowerPrioRep = n.value();
                    }
                }
                case "garp_extra_if", "vmac_garp_intvl" -> {
                    long delay = -1;
                    boolean bad = false;
                    for (String w : c.args()) {
                        if (w.equals("all")) {
                            r.extraIfAll = true;
                        } else {
                            var n = quiet.readUnsigned(w, 0, 86400, true);
                            if (!n.ok()) {
                                bad = true;
                                break;
                            }
                            delay = n.value();
                        }
                    }
                    if (!bad && delay != -1) {
                        r.extraIf = delay;
                    }
                }
                default -> {
                }
            }
        }
        return r;
    }

    /** The remaining typed groups once version and priority are final. */
    record Rest(GarpSettings garp, InstanceOptions options) {
    }

    Rest rest(Setting inst, int priority, int version, boolean hasInterface) {
        Raw r = raw(inst);
        boolean strict = r.strict != null ? r.strict : global.vrrpStrict;
        long globalLowerDelay = global.vrrpGarpLowerPrioDelayMicros == -1 ? global.vrrpGarpMasterDelayMicros
                : global.vrrpGarpLowerPrioDelayMicros;
        int globalLowerRep = global.vrrpGarpLowerPrioRepeat == -1 ? global.vrrpGarpMasterRepeat
                : global.vrrpGarpLowerPrioRepeat;
        // vrrp_complete_instance(): unset values inherit, strict mode clears the repeats
        long lowerRep = r.lowerPrioRep == -1 ? (strict ? 0 : globalLowerRep) : (strict ? 0 : r.lowerPrioRep);
        long lowerDelay = r.lowerPrioDelay == -1 ? (strict ? 0 : globalLowerDelay) : (strict ? 0 : r.lowerPrioDelay);
        boolean lowerNoAdvert = r.lowerPrioNoAdvert == null ? (strict || global.vrrpLowerPrioNoAdvert)
                : (strict || r.lowerPrioNoAdvert);
        boolean higherSend = r.higherPrioSendAdvert == null ? (!strict && global.vrrpHigherPrioSendAdvert)
                : (!strict && r.higherPrioSendAdvert);
        boolean accept = r.accept != null ? r.accept : (priority == 255 || !strict);
        if (accept && priority != 255 && strict && version == 2) {
            accept = false;
        }
        GarpSettings garp = new GarpSettings(r.garpDelay, r.garpRep, r.garpRefresh, r.garpRefreshRep, lowerDelay,
                (int) lowerRep, r.extraIf, r.extraIfAll);
        InstanceOptions options = new InstanceOptions(strict, accept, r.skipCheckAdvAddr, lowerNoAdvert, higherSend,
                r.downTimerAdverts, r.promoteSecondaries, r.nativeIpv6, r.debug, r.rxBuf, r.linkbeat && hasInterface);
        return new Rest(garp, options);
    }

    /** {@code vrf NAME}: kept when no interface was given before it and it exists (and is no loopback). */
    String vrf(Setting inst) {
        String vrf = null;
        boolean hadInterface = false;
        for (Setting c : inst.children()) {
            if (c.keyword().equals("interface") && !c.args().isEmpty()) {
                var ifp = ctx.system().findInterface(c.arg());
                if (c.arg().length() < 16 && ifp.isPresent() && !ifp.get().loopback()) {
                    hadInterface = true;
                }
            } else if (c.keyword().equals("vrf") && !c.args().isEmpty() && vrf == null && !hadInterface) {
                String n = c.arg();
                var ifp = ctx.system().findInterface(n);
                if (n.length() < 16 && ifp.isPresent() && !ifp.get().loopback()) {
                    vrf = n;
                }
            }
        }
        return vrf;
    }

    /** The value lines of a keyword's blocks, as written. */
    static List<List<String>> lines(Setting inst, String keyword) {
        List<List<String>> out = new ArrayList<>();
        inst.all(keyword).forEach(c -> out.addAll(c.values()));
        return out;
    }
}
