package io.jkeepalived.daemon.status;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import io.jkeepalived.conf.model.vrrp.VrrpScript;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the dumps print that the configuration fixes (the VRRP thread's copy holds only what changes): the router
 * id, the {@code vrrp_script}s and who tracks them.
 *
 * @param global          the global settings, or null (the dump then leaves their section out)
 * @param scripts         by name, in configuration order; only scripts some instance tracks
 * @param trackedScripts  per instance name, the scripts it tracks with the weight in effect
 */
public record DumpFacts(String routerId, io.jkeepalived.conf.model.GlobalDefs global, List<Script> scripts, Map<String, List<TrackedScript>> trackedScripts) {
    public DumpFacts {
        scripts = List.copyOf(scripts);
        trackedScripts = Map.copyOf(trackedScripts);
    }

    public static final DumpFacts NONE = new DumpFacts(null, null, List.of(), Map.of());

    /** A {@code vrrp_script}; {@code command} is its argv, the program resolved as keepalived resolves it. */
    public record Script(String name, List<String> command, long intervalMicros, long timeoutMicros, int weight,
                         int rise, int fall, List<TrackedBy> trackedBy) {
        public Script {
            command = List.copyOf(command);
            trackedBy = List.copyOf(trackedBy);
        }
    }

    /** An instance tracking a script, with the weight it uses. */
    public record TrackedBy(String instance, int weight) {
    }

    /** A script tracked by an instance, with the weight it uses. */
    public record TrackedScript(String script, int weight) {
    }

    public List<TrackedScript> trackedScripts(String instance) {
        return trackedScripts.getOrDefault(instance, List.of());
    }

    /**
     * @param resolve turns a program name into the path keepalived would run (it prints the real path); the
     *                daemon passes a PATH lookup, tests the identity
     */
    public static DumpFacts of(KeepalivedConfig config, UnaryOperator<String> resolve) {
        Map<String, VrrpScript> defined = new LinkedHashMap<>();
        for (VrrpScript s : config.vrrp().scripts()) {
            defined.put(s.name(), s);
        }
        Map<String, List<TrackedBy>> users = new LinkedHashMap<>();
        Map<String, List<TrackedScript>> tracked = new LinkedHashMap<>();
        for (VrrpInstance i : config.vrrp().instances()) {
            List<TrackedScript> mine = new ArrayList<>();
            for (Tracked t : i.tracking().scripts()) {
                VrrpScript s = defined.get(t.name());
                if (s == null || s.script() == null) {
                    continue;
                }
                // keepalived: a track_script weight replaces the script's own; none given keeps the script's
                int w = t.weight() != 0 ? t.weight() : s.weight();
                if (t.reverse()) {
                    w = -w;
                }
                mine.add(new TrackedScript(s.name(), w));
                users.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(new TrackedBy(i.name(), w));
            }
            tracked.put(i.name(), mine);
        }
        List<Script> scripts = new ArrayList<>();
        for (VrrpScript s : defined.values()) {
            if (!users.containsKey(s.name())) {
                continue;
            }
            List<String> argv = new ArrayList<>(s.script().args());
            if (!argv.isEmpty()) {
                argv.set(0, resolve.apply(argv.get(0)));
            }
            scripts.add(new Script(s.name(), argv, s.intervalMicros(), s.timeoutMicros(), s.weight(), s.rise(),
                    s.fall(), users.get(s.name())));
        }
        return new DumpFacts(config.global().routerId(), config.global(), scripts, tracked);
    }

    /** keepalived runs a script by its real path (symlinks resolved), so {@code /bin/true} prints as /usr/bin/true. */
    public static String realPath(String program) {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(program);
            if (!p.isAbsolute()) {
                String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
                for (String dir : path.split(":")) {
                    java.nio.file.Path c = java.nio.file.Path.of(dir, program);
                    if (java.nio.file.Files.isExecutable(c)) {
                        return c.toRealPath().toString();
                    }
                }
                return program;
            }
            return p.toRealPath().toString();
        } catch (java.io.IOException | RuntimeException e) {
            return program;
        }
    }
}
