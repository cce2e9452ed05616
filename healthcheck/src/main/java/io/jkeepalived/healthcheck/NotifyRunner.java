package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.script.NotifyScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a real server's notify_up/notify_down as keepalived's notify_exec does: started and not waited for
 * (the exit status is reaped and ignored), as the script user ({@code script_user}, else {@code keepalived_script}
 * when that user exists, else root), and, under {@code enable_script_security}, only when no one but root can
 * change what runs as root. Its own small runner: the daemon module depends on this one, not the reverse.
 */
final class NotifyRunner {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.check");
    private static final String[] DEFAULT_PATH = {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin"};

    private final boolean scriptSecurity;
    private final int defaultUid;
    private final int defaultGid;
    private final boolean root = "root".equals(System.getProperty("user.name"));

    NotifyRunner(GlobalDefs global) {
        this.scriptSecurity = global != null && global.enableScriptSecurity();
        int[] ids = null;
        if (global != null && global.scriptUser() != null) {
            ids = user(global.scriptUser());
            if (ids != null && global.scriptGroup() != null) {
                Integer g = group(global.scriptGroup());
                if (g != null) {
                    ids[1] = g;
                }
            }
        }
        if (ids == null) {
            ids = user("keepalived_script");
        }
        if (ids == null) {
            ids = new int[]{0, 0};
        }
        this.defaultUid = ids[0];
        this.defaultGid = ids[1];
    }

    /** Starts the script and returns without waiting; a failure to start is logged, never thrown. */
    void run(NotifyScript script) {
        if (script == null || script.args().isEmpty()) {
            return;
        }
        int uid = script.uid() != null ? script.uid() : defaultUid;
        int gid = script.gid() != null ? script.gid() : script.uid() != null ? script.uid() : defaultGid;
        Path executable = resolve(script.args().get(0));
        if (scriptSecurity && uid == 0 && executable != null
                && !io.jkeepalived.conf.script.ScriptSecurity.safeForRoot(executable)) {
            LOG.warn("Unsafe permissions found for script '{}' - disabling.", script.commandLine());
            return;
        }
        List<String> command = new ArrayList<>();
        if (root && uid != 0 && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            command.addAll(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
        }
        if (executable == null) {
            // not a file we can exec: keepalived hands the line to the shell
            command.addAll(List.of("/bin/sh", "-c", script.commandLine()));
        } else {
            command.add(executable.toString());
            command.addAll(script.args().subList(1, script.args().size()));
        }
        try {
            Process p = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // reap it; keepalived ignores a notify script's exit status
            p.onExit();
        } catch (IOException e) {
            LOG.warn("Failed to exec notify script '{}': {}", script.commandLine(), e.getMessage());
        }
    }

    private static Path resolve(String cmd) {
        if (cmd.indexOf('/') >= 0) {
            Path p = Path.of(cmd);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        }
        String env = System.getenv("PATH");
        String[] dirs = env == null || env.isEmpty() ? DEFAULT_PATH : env.split(File.pathSeparator);
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, cmd);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** uid and gid of a user from /etc/passwd, or null. */
    private static int[] user(String name) {
        for (String[] f : entries("/etc/passwd")) {
            if (f.length > 3 && f[0].equals(name)) {
                try {
                    return new int[]{Integer.parseInt(f[2]), Integer.parseInt(f[3])};
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static Integer group(String name) {
        for (String[] f : entries("/etc/group")) {
            if (f.length > 2 && f[0].equals(name)) {
                try {
                    return Integer.parseInt(f[2]);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static List<String[]> entries(String file) {
        List<String[]> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                out.add(line.split(":", -1));
            }
        } catch (IOException e) {
            // no such database: nothing found
        }
        return out;
    }
}
