package io.jkeepalived.conf.script;

import io.jkeepalived.conf.parser.SystemInfo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * keepalived's {@code check_script_secure()}: can the script be found and run. What it reports is
 * decided by the caller (a vrrp_script that can't be found is disabled with a config error, a notify
 * script is silently dropped), and any real script run while {@code enable_script_security} is off is
 * a security violation under {@code -t}.
 */
public final class ScriptSecurity {
    /** A {@code </file} check: nothing is executed. */
    public static final int SYSTEM = 1;
    /** Not found in PATH, or not accessible. */
    public static final int NOT_FOUND = 2;
    /** A file that will be executed. */
    public static final int IS_SCRIPT = 4;
    /** Executable by the user it runs as. */
    public static final int EXECUTABLE = 8;

    private ScriptSecurity() {
    }

    public static int check(NotifyScript script, SystemInfo system) {
        if (script == null || script.args().isEmpty()) {
            return 0;
        }
        try {
            return checkPath(script, system);
        } catch (InvalidPathException e) {
            // e.g. a NUL byte in the name: no such file can exist
            return NOT_FOUND;
        }
    }

    private static int checkPath(NotifyScript script, SystemInfo system) {
        String cmd = script.args().get(0);
        if (cmd.startsWith("<") && cmd.substring(1).stripLeading().startsWith("/")) {
            return SYSTEM;
        }
        Path file;
        if (cmd.indexOf('/') < 0) {
            file = searchPath(cmd, system);
            if (file == null) {
                return NOT_FOUND;
            }
        } else {
            file = system.resolve(cmd);
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            return NOT_FOUND;
        }
        int flags = IS_SCRIPT;
        if (Files.isExecutable(real)) {
            flags |= EXECUTABLE;
        }
        return flags;
    }

    private static Path searchPath(String name, SystemInfo system) {
        String path = System.getenv("PATH");
        if (path == null || path.isEmpty()) {
            path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = system.resolve(dir).resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
