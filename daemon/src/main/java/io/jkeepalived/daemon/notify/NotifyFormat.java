package io.jkeepalived.daemon.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * keepalived's notification texts, pure: the line written to a notify FIFO and the argument vector of the
 * generic {@code notify} script (vrrp_notify.c {@code notify_fifo()} and {@code notify_script_exec()}).
 */
public final class NotifyFormat {
    /** keepalived's word for a state the generic script has no name for. */
    static final String UNKNOWN = "{UNKNOWN}";

    private NotifyFormat() {
    }

    /** {@code INSTANCE} or {@code GROUP}: the first word of a FIFO line and of the generic script's arguments. */
    public static String type(boolean group) {
        return group ? "GROUP" : "INSTANCE";
    }

    /**
     * The FIFO line: {@code INSTANCE "VI_1" MASTER 100\n}; a group's priority is always 0
     * ({@code GROUP "G1" BACKUP 0\n}). The name is quoted but not escaped, as keepalived writes it.
     */
    public static String fifoLine(boolean group, String name, NotifyState state, int priority) {
        return type(group) + " \"" + name + "\" " + state.word() + " " + priority + "\n";
    }

    /**
     * The generic {@code notify} script's argument vector: its own words, then {@code INSTANCE|GROUP}, the name
     * (one argument, unquoted: the script gets it as argv, never through a shell), the state and the priority
     * (0 for a group).
     */
    public static List<String> genericArgs(List<String> script, boolean group, String name, NotifyState state,
                                           int priority) {
        List<String> args = new ArrayList<>(script);
        args.add(type(group));
        args.add(name);
        args.add(state.isState() ? state.word() : UNKNOWN);
        args.add(Integer.toString(priority));
        return args;
    }
}
