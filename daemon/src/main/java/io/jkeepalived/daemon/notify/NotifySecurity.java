package io.jkeepalived.daemon.notify;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * keepalived's check_script_secure() for a notify script, done when the VRRP subsystem starts as keepalived's VRRP
 * child does: find the script (a bare name is searched on PATH, with keepalived's warning), resolve symbolic
 * links, check it is executable by the user it runs as, and — when it runs as root or is set-uid/gid root — that
 * no component of its path is writable by anyone but root. A script that fails is not run
 * ({@code check_notify_script_secure()} frees it); the lines logged are keepalived's, plus one naming the unsafe
 * component (keepalived only names the script).
 */
public final class NotifySecurity {
    public static final int SYSTEM = 1;
    public static final int NOT_FOUND = 2;
    public static final int IS_SCRIPT = 4;
    public static final int EXECUTABLE = 8;
    public static final int INHIBIT = 16;
    public static final int INSECURE = 32;

    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_ISUID = 04000;
    private static final int S_ISGID = 02000;
    private static final int S_ISVTX = 01000;

    /**
     * The verdict.
     *
     * @param args  the argument vector to run: the program as keepalived rewrites it (the PATH match, or the path
     *              with its links resolved)
     * @param flags {@link #SYSTEM}, {@link #NOT_FOUND}, ... as keepalived's SC_* flags
     */
    public record Verdict(List<String> args, int flags) {
        public Verdict {
            args = List.copyOf(args);
        }

        /** check_notify_script_secure(): run only an executable script that is neither missing nor inhibited. */
        public boolean runnable() {
            return (flags & (INHIBIT | NOT_FOUND)) == 0 && (flags & EXECUTABLE) != 0;
        }
    }

    private final boolean scriptSecurity;
    private final String searchPath;
    private final Consumer<String> log;

    /**
     * @param scriptSecurity {@code enable_script_security}: unsafe permissions then stop the script from running
     * @param searchPath     the PATH to search a bare name on (null: the default keepalived gets from confstr)
     */
    public NotifySecurity(boolean scriptSecurity, String searchPath, Consumer<String> log) {
        this.scriptSecurity = scriptSecurity;
        this.searchPath = searchPath == null || searchPath.isEmpty() ? "/bin:/usr/bin" : searchPath;
        this.log = log;
    }

    public Verdict check(List<String> args, int uid, int gid) {
        try {
            return checkArgs(args, uid, gid);
        } catch (InvalidPathException e) {
            log.accept("Script " + args.get(0) + " cannot be accessed - No such file or directory");
            return new Verdict(args, NOT_FOUND);
        }
    }

    private Verdict checkArgs(List<String> original, int uid, int gid) {
        List<String> args = new ArrayList<>(original);
        String cmd = args.get(0);
        if (cmd.startsWith("<") && cmd.substring(1).stripLeading().startsWith("/")) {
            return new Verdict(args, SYSTEM);
        }
        if (cmd.indexOf('/') < 0) {
            String found = searchPath(cmd, uid, gid);
            if (found == null || found.isEmpty()) {
                log.accept(found == null ? "Cannot find script " + cmd + " in path - disabling"
                        : "Permissions failure for script " + cmd + " in path - disabling");
                return new Verdict(args, NOT_FOUND);
            }
            log.accept("WARNING - script `" + cmd + "` resolved by path search to `" + found
                    + "`. Please specify full path.");
            args.set(0, found);
            cmd = found;
        }
        Path real;
        try {
            real = Path.of(cmd).toRealPath();
        } catch (IOException e) {
            log.accept("Script " + cmd + " cannot be accessed - " + strerror(e));
            return new Verdict(args, NOT_FOUND);
        }
        String realFile = null; // keepalived's real_file_path: kept when the name differs from the real one
        String newPath = real.toString();
        if (!cmd.equals(newPath)) {
            String origName = cmd.substring(cmd.lastIndexOf('/') + 1);
            String realName = real.getFileName() == null ? "" : real.getFileName().toString();
            if (!origName.equals(realName)) {
                // some programs act on the name they are called by: keep it, in the real directory, if it is
                // the same file there
                Path renamed = real.resolveSibling(origName);
                if (sameFile(renamed, real)) {
                    realFile = newPath;
                    newPath = renamed.toString();
                }
            }
            args.set(0, newPath);
            cmd = newPath;
        }
        Map<String, Object> attrs;
        try {
            attrs = Files.readAttributes(Path.of(realFile != null ? realFile : cmd), "unix:mode,uid,gid");
        } catch (IOException | UnsupportedOperationException e) {
            log.accept("Unable to access script `" + cmd + "` - disabling");
            return new Verdict(args, NOT_FOUND);
        }
        int mode = (Integer) attrs.get("mode");
        int owner = (Integer) attrs.get("uid");
        int group = (Integer) attrs.get("gid");
        int flags = IS_SCRIPT;
        boolean protect = false;
        if (isExecutable(mode, owner, group, uid, gid)) {
            flags |= EXECUTABLE;
            protect = uid == 0 || gid == 0
                    || (owner == 0 && (mode & 0100) != 0 && (mode & S_ISUID) != 0)
                    || (group == 0 && (mode & 0010) != 0 && (mode & S_ISGID) != 0);
        } else {
            log.accept("WARNING - script '" + cmd + "' is not executable for uid:gid " + uid + ":" + gid
                    + " - disabling.");
        }
        if (!protect) {
            return new Verdict(args, flags);
        }
        flags |= pathSecurity(cmd);
        if (realFile != null) {
            flags |= pathSecurity(realFile);
        }
        return new Verdict(args, flags);
    }

    /** keepalived's is_executable(): root needs any x bit, the owner the user's, the group the group's. */
    static boolean isExecutable(int mode, int owner, int group, int uid, int gid) {
        return (uid == 0 && (mode & 0111) != 0)
                || (uid == owner && (mode & 0100) != 0)
                || (uid != owner && ((gid == group && (mode & 0010) != 0) || (gid != group && (mode & 0001) != 0)));
    }

    /**
     * keepalived's check_security(): every component from "/" to the file, not following links: directories but
     * the last, which is a file or a link; each owned by root, and not writable by a non-root group or by others
     * (a directory with the sticky bit may be).
     */
    int pathSecurity(String filename) {
        List<String> prefixes = new ArrayList<>();
        for (int i = filename.indexOf('/'); i >= 0; i = filename.indexOf('/', i + 1)) {
            prefixes.add(i == 0 ? "/" : filename.substring(0, i));
        }
        prefixes.add(filename);
        for (int k = 0; k < prefixes.size(); k++) {
            boolean last = k == prefixes.size() - 1;
            String p = prefixes.get(k);
            if (p.isEmpty()) {
                continue; // a relative name has no root component to check
            }
            Map<String, Object> attrs;
            try {
                attrs = Files.readAttributes(Path.of(p), "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | UnsupportedOperationException | InvalidPathException e) {
                log.accept("check_script_secure could not find script '" + filename + "' - disabling");
                return NOT_FOUND;
            }
            int mode = (Integer) attrs.get("mode");
            int owner = (Integer) attrs.get("uid");
            int group = (Integer) attrs.get("gid");
            int type = mode & S_IFMT;
            if ((!last && type != S_IFDIR) || (last && type != S_IFREG && type != S_IFLNK)) {
                log.accept("Wrong file type found in script path '" + filename + "'.");
                return INHIBIT;
            }
            boolean writableKind = (type == S_IFDIR && (mode & S_ISVTX) == 0) || type == S_IFREG;
            if (owner != 0 || (writableKind && ((group != 0 && (mode & 0020) != 0) || (mode & 0002) != 0))) {
                log.accept("Unsafe permissions found for script '" + filename + "'"
                        + (scriptSecurity ? " - disabling" : "") + ".");
                log.accept("Unsafe path component '" + p + "' of script '" + filename + "': owner uid " + owner
                        + ", group gid " + group + ", mode " + String.format("%04o", mode & 07777));
                return INSECURE | (scriptSecurity ? INHIBIT : 0);
            }
        }
        return 0;
    }

    /**
     * glibc's execvpe search as keepalived's find_path() does it: the first regular file executable by the
     * script's user; "" when only files it may not execute were found, null when nothing was.
     */
    private String searchPath(String name, int uid, int gid) {
        boolean denied = false;
        for (String dir : searchPath.split(File.pathSeparator, -1)) {
            String candidate = (dir.isEmpty() ? "" : dir + "/") + name;
            try {
                Map<String, Object> attrs = Files.readAttributes(Path.of(candidate), "unix:mode,uid,gid");
                int mode = (Integer) attrs.get("mode");
                if ((mode & S_IFMT) == S_IFREG
                        && isExecutable(mode, (Integer) attrs.get("uid"), (Integer) attrs.get("gid"), uid, gid)) {
                    return candidate;
                }
                denied = true;
            } catch (IOException | UnsupportedOperationException | InvalidPathException e) {
                // not there: the next directory
            }
        }
        return denied ? "" : null;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static String strerror(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.toString() : m;
    }
}
