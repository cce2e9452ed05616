package io.jkeepalived.conf.script;

import java.util.List;

/**
 * A script named by a script keyword ({@code script}, {@code notify_master}, {@code misc_path}, ...):
 * its argument vector after keepalived's shell-like tokenising, and who runs it.
 *
 * @param args    argv: args.get(0) is the program (as written, before path resolution)
 * @param uid     user to run as, or null for the default script user
 * @param gid     group to run as, or null
 */
public record NotifyScript(List<String> args, Integer uid, Integer gid) {
    public NotifyScript {
        args = List.copyOf(args);
    }

    /** The command line as keepalived would print it. */
    public String commandLine() {
        return String.join(" ", args);
    }

    /**
     * keepalived's cmd_str(), which its config errors about scripts print: every word in single quotes, except a
     * first word starting with {@code <} or {@code >} (a shell redirection that tests for a file).
     */
    public String quoted() {
        return quoted(args);
    }

    /** {@link #quoted()} of an argument vector. */
    public static String quoted(List<String> args) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i > 0) {
                s.append(' ');
            }
            boolean bare = i == 0 && (a.startsWith("<") || a.startsWith(">"));
            s.append(bare ? "" : "'").append(a).append(bare ? "" : "'");
        }
        return s.toString();
    }
}
