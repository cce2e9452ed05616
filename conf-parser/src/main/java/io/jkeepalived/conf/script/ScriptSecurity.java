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
    /** Run with root privilege and some component of its path is writable by someone other than root. */
    public static final int INSECURE = 16;
    /** Must not run: insecure while {@code enable_script_security} is on, or a path component of the wrong type. */
    public static final int INHIBIT = 32;

    /** The mode bits the walk looks at (octal, as stat(2) reports them). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_ISUID = 04000;
    private static final int S_ISGID = 02000;
    private static final int S_ISVTX = 01000;
    private static final int S_IWGRP = 020;
    private static final int S_IWOTH = 02;

    private ScriptSecurity() {
    }

    /**
     * The run-time question for a script the daemon is about to run as root under {@code enable_script_security}
     * (notify_up/down, MISC_CHECK): false when keepalived would inhibit it (some component of its path can be
     * changed by someone other than root, or of the wrong type) or it cannot be found.
     */
    public static boolean safeForRoot(Path file) {
        int f = check(new NotifyScript(java.util.List.of(file.toString()), null, null),
                new io.jkeepalived.conf.LiveSystemInfo(), 0, 0, true);
        return (f & (INHIBIT | NOT_FOUND)) == 0;
    }

    public static int check(NotifyScript script, SystemInfo system) {
        return check(script, system, 0, 0, false);
    }

    /**
     * The full check for a script run as {@code uid:gid}: found, executable, and — when it runs with root
     * privilege — no component of its path (as written with the directories resolved, and the real file when
     * that is a symbolic link) writable by anyone but root; {@link #INSECURE} then, plus {@link #INHIBIT} with
     * {@code enable_script_security}.
     */
    public static int check(NotifyScript script, SystemInfo system, int uid, int gid, boolean scriptSecurity) {
        if (script == null || script.args().isEmpty()) {
            return 0;
        }
        try {
            return checkPath(script, system, uid, gid, scriptSecurity, null);
        } catch (InvalidPathException e) {
            // e.g. a NUL byte in the name: no such file can exist
            return NOT_FOUND;
        }
    }

    private static int checkPath(NotifyScript script, SystemInfo system, int uid, int gid, boolean scriptSecurity,
                                 String[] found) {
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
        Stat st = stat(real, true);
        if (st == null) {
            // no unix attributes (not Linux): what the JVM's user may do is the best answer
            return Files.isExecutable(real) ? flags | EXECUTABLE : flags;
        }
        if (!executable(st, uid, gid)) {
            return flags;
        }
        flags |= EXECUTABLE;
        boolean rootPrivilege = uid == 0 || gid == 0
                || st.uid == 0 && (st.mode & 0100) != 0 && (st.mode & S_ISUID) != 0
                || st.gid == 0 && (st.mode & 010) != 0 && (st.mode & S_ISGID) != 0;
        if (!rootPrivilege) {
            return flags;
        }
        // keepalived runs the path with its directories resolved but keeps the file name as written when that
        // still names the same file (a symbolic link in a real directory): both that path and the real one count
        Path parent = real.getParent();
        Path asRun = real;
        Path written = Path.of(cmd).getFileName();
        if (parent != null && written != null && !written.equals(real.getFileName())) {
            Path named = parent.resolve(written);
            try {
                if (Files.isSameFile(named, real)) {
                    asRun = named;
                }
            } catch (IOException e) {
                // not the same file: the real path is what runs
            }
        }
        flags |= walk(asRun, scriptSecurity, found);
        if (!asRun.equals(real) && (flags & INHIBIT) == 0) {
            flags |= walk(real, scriptSecurity, found);
        }
        return flags;
    }

    /** stat(2)'s owner, group and mode; null where the file system has no unix view. */
    private record Stat(int uid, int gid, int mode) {
    }

    private static Stat stat(Path p, boolean follow) {
        try {
            var a = follow ? Files.readAttributes(p, "unix:uid,gid,mode")
                    : Files.readAttributes(p, "unix:uid,gid,mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return new Stat((Integer) a.get("uid"), (Integer) a.get("gid"), (Integer) a.get("mode"));
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return null;
        }
    }

    /** keepalived's rule: root may run any file with an x bit; others by owner, group, then other bits. */
    private static boolean executable(Stat f, int uid, int gid) {
        if (uid == 0) {
            return (f.mode & 0111) != 0;
        }
        if (uid == f.uid) {
            return (f.mode & 0100) != 0;
        }
        return gid == f.gid ? (f.mode & 010) != 0 : (f.mode & 01) != 0;
    }

    /**
     * Every prefix of the absolute {@code path}, from {@code /} to the file, not following links: each must be
     * owned by root and not writable by a non-root group or by others (a sticky directory may be); directories
     * before the last, a regular file or link at the end.
     */
    private static int walk(Path path, boolean scriptSecurity, String[] found) {
        Path prefix = path.getRoot();
        int n = path.getNameCount();
        for (int i = -1; i < n; i++) {
            if (i >= 0) {
                prefix = prefix.resolve(path.getName(i));
            }
            Stat s = stat(prefix, false);
            if (s == null) {
                return NOT_FOUND;
            }
            int type = s.mode & S_IFMT;
            boolean last = i == n - 1;
            if (!last && type != S_IFDIR || last && type != S_IFREG && type != S_IFLNK) {
                return INHIBIT;
            }
            String why = unsafe(s, type);
            if (why != null) {
                if (found != null) {
                    found[0] = path.toString();
                    found[1] = prefix + " " + why;
                }
                return INSECURE | (scriptSecurity ? INHIBIT : 0);
            }
        }
        return 0;
    }

    /** Why this path component lets someone other than root change what runs; null when it does not. */
    private static String unsafe(Stat s, int type) {
        if (s.uid != 0) {
            return "is owned by uid " + s.uid;
        }
        if (type == S_IFREG || type == S_IFDIR && (s.mode & S_ISVTX) == 0) {
            if ((s.mode & S_IWOTH) != 0) {
                return "is writable by others";
            }
            if (s.gid != 0 && (s.mode & S_IWGRP) != 0) {
                return "is writable by group " + s.gid;
            }
        }
        return null;
    }

    /**
     * For keepalived's "Unsafe permissions found for script 'PATH'" line and jkeepalived's addition to it:
     * {PATH as walked, the first path component that makes it insecure and why ("/etc/ka/scripts is writable by
     * others")}; null when the script is not insecure.
     */
    public static String[] unsafeComponent(NotifyScript script, SystemInfo system, int uid, int gid) {
        String[] found = new String[2];
        try {
            if (script == null || script.args().isEmpty()
                    || (checkPath(script, system, uid, gid, false, found) & INSECURE) == 0) {
                return null;
            }
        } catch (InvalidPathException e) {
            return null;
        }
        return found;
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
