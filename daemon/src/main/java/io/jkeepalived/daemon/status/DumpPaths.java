package io.jkeepalived.daemon.status;

import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.model.Setting;

import java.nio.file.Path;

/**
 * Where the dumps go: keepalived's {@code /tmp/keepalived.data}, {@code .stats} and {@code .json}, or the
 * {@code global_defs} keywords {@code state_dump_file}, {@code stats_dump_file}, {@code json_dump_file}
 * (keepalived 2.3.3 and later; read from the recorded global lines, as the typed model does not carry them).
 */
public record DumpPaths(Path data, Path stats, Path json) {
    public static final DumpPaths DEFAULT = in(Path.of("/tmp"));

    /** keepalived's three file names in {@code dir}. */
    public static DumpPaths in(Path dir) {
        return new DumpPaths(dir.resolve("keepalived.data"), dir.resolve("keepalived.stats"),
                dir.resolve("keepalived.json"));
    }

    /**
     * The paths for these global settings. The directory is {@code $TMPDIR} when it is an absolute path, as keepalived
     * 2.2.7 takes it (lib/utils.c), else /tmp; {@code -Djk.dumpDirectory=DIR} overrides both, so that end-to-end
     * tests do not overwrite a real keepalived's files.
     */
    public static DumpPaths of(GlobalDefs global) {
        return of(global, System.getenv("TMPDIR"));
    }

    static DumpPaths of(GlobalDefs global, String tmpdir) {
        String dir = System.getProperty("jk.dumpDirectory");
        if ((dir == null || dir.isBlank()) && tmpdir != null && tmpdir.startsWith("/")) {
            dir = tmpdir;
        }
        DumpPaths base = dir == null || dir.isBlank() ? DEFAULT : in(Path.of(dir));
        return new DumpPaths(setting(global, "state_dump_file", base.data),
                setting(global, "stats_dump_file", base.stats), setting(global, "json_dump_file", base.json));
    }

    private static Path setting(GlobalDefs global, String keyword, Path fallback) {
        Path found = fallback;
        if (global == null) {
            return found;
        }
        for (Setting s : global.settings()) {
            if (s.keyword().equals(keyword) && !s.args().isEmpty()) {
                found = Path.of(s.args().get(0)); // the last one wins, as for every global keyword
            }
        }
        return found;
    }
}
