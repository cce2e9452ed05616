package io.jkeepalived.healthcheck.misc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MISC_CHECK's {@code user [group]}: when the daemon runs as root and the script is to run as someone else, the
 * command is prefixed with util-linux's {@code setpriv} (uid, gid, no supplementary groups), as the notify runner
 * does; the JDK cannot setuid a child itself.
 */
final class ScriptUser {
    private static final String SETPRIV = "/usr/bin/setpriv";

    private ScriptUser() {
    }

    static List<String> command(List<String> script, String user, String group) {
        List<String> cmd = new ArrayList<>();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (user != null && root && Files.isExecutable(Path.of(SETPRIV))) {
            int[] ids = ids("/etc/passwd", user, 2);
            if (ids == null) {
                throw new IllegalArgumentException("MISC_CHECK user " + user + " does not exist");
            }
            int gid = ids[1];
            if (group != null) {
                int[] g = ids("/etc/group", group, 2);
                if (g == null) {
                    throw new IllegalArgumentException("MISC_CHECK group " + group + " does not exist");
                }
                gid = g[0];
            }
            if (ids[0] != 0 || gid != 0) {
                cmd.addAll(List.of(SETPRIV, "--reuid=" + ids[0], "--regid=" + gid, "--clear-groups"));
            }
        }
        cmd.addAll(script);
        return cmd;
    }

    static boolean exists(String user) {
        return ids("/etc/passwd", user, 2) != null;
    }

    /** Fields [at, at+1] of the colon-separated line naming {@code name}, as numbers, or null. */
    private static int[] ids(String file, String name, int at) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                String[] f = line.split(":", -1);
                if (f.length > at && f[0].equals(name)) {
                    int a = Integer.parseInt(f[at]);
                    int b = f.length > at + 1 && !f[at + 1].isEmpty() && f[at + 1].chars().allMatch(Character::isDigit)
                            ? Integer.parseInt(f[at + 1]) : a;
                    return new int[]{a, b};
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
