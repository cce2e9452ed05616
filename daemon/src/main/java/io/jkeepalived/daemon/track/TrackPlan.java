package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.conf.model.vrrp.VrrpScript;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who tracks what, worked out from the configuration (pure): for every {@code vrrp_script} and interface in use,
 * the instances that track it and with which weight. An instance tracks its own interface with weight 0 (down =
 * FAULT) unless {@code dont_track_primary}, as keepalived adds it; an explicit {@code track_interface} entry for
 * the same interface takes its place. Scripts nobody tracks are not run, as keepalived drops them.
 */
public record TrackPlan(Map<String, ScriptBinding> scripts, Map<String, List<Binding>> interfaces) {
    /** One instance's use of a tracked object. */
    public record Binding(String instance, Tracked tracked) {
    }

    /** A script and the instances tracking it. */
    public record ScriptBinding(VrrpScript script, List<Binding> users) {
        public ScriptBinding {
            users = List.copyOf(users);
        }
    }

    public TrackPlan {
        scripts = Map.copyOf(scripts);
        Map<String, List<Binding>> copy = new LinkedHashMap<>();
        interfaces.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        interfaces = java.util.Collections.unmodifiableMap(copy);
    }

    /** The tracker name an instance's state machine knows a script by. */
    public static String scriptTracker(String script) {
        return "script " + script;
    }

    /** The tracker name an instance's state machine knows an interface by. */
    public static String interfaceTracker(String ifname) {
        return "interface " + ifname;
    }

    public boolean isEmpty() {
        return scripts.isEmpty() && interfaces.isEmpty();
    }

    public static TrackPlan of(VrrpConfig config) {
        Map<String, VrrpScript> defined = new LinkedHashMap<>();
        for (VrrpScript s : config.scripts()) {
            defined.put(s.name(), s);
        }
        Map<String, List<Binding>> scriptUsers = new LinkedHashMap<>();
        Map<String, List<Binding>> interfaces = new LinkedHashMap<>();
        for (VrrpInstance i : config.instances()) {
            for (Tracked t : i.tracking().scripts()) {
                if (defined.containsKey(t.name())) {
                    scriptUsers.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(new Binding(i.name(), t));
                }
            }
            boolean ownListed = false;
            for (Tracked t : i.tracking().interfaces()) {
                interfaces.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(new Binding(i.name(), t));
                ownListed |= t.name().equals(i.interfaceName());
            }
            if (!ownListed && !i.tracking().dontTrackPrimary() && i.interfaceName() != null) {
                interfaces.computeIfAbsent(i.interfaceName(), k -> new ArrayList<>())
                        .add(new Binding(i.name(), new Tracked(i.interfaceName(), 0, false)));
            }
        }
        Map<String, ScriptBinding> scripts = new LinkedHashMap<>();
        scriptUsers.forEach((name, users) -> scripts.put(name, new ScriptBinding(defined.get(name), users)));
        return new TrackPlan(scripts, interfaces);
    }
}
