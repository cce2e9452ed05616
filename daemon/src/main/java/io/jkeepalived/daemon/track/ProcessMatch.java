package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.vrrp.TrackProcess;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Whether a running process counts for a {@code vrrp_track_process}, as keepalived 2.2.7's track_process.c
 * decides (pure): the name is compared with the process's comm (the kernel keeps its first 15 bytes) or, with
 * {@code full_command}, with the first word of its command line; the parameters, unless {@code param_match none},
 * with the rest of the command line, NUL-separated as /proc/PID/cmdline has them:
 * <ul>
 * <li>{@code exact}: the same parameters (no parameters configured: the process has none);</li>
 * <li>{@code partial}: the configured parameters are the first ones of the process;</li>
 * <li>{@code initial}: the same, but the last configured one need only begin the process's parameter.</li>
 * </ul>
 */
public final class ProcessMatch {
    /** TASK_COMM_LEN - 1: the longest comm the kernel keeps. */
    static final int COMM_MAX = 15;

    private final TrackProcess config;
    private final byte[] name;
    private final byte[] params;
    private final String match;

    public ProcessMatch(TrackProcess config) {
        this.config = config;
        byte[] n = config.process().getBytes(StandardCharsets.UTF_8);
        this.name = config.fullCommand() || n.length <= COMM_MAX ? n : Arrays.copyOf(n, COMM_MAX);
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        for (String s : config.params()) {
            p.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            p.write(0);
        }
        this.params = p.toByteArray();
        this.match = config.paramMatch() == null ? (config.params().isEmpty() ? "none" : "exact") : config.paramMatch();
    }

    /** Whether the process reads from /proc/PID/cmdline are needed at all. */
    public boolean needsCommandLine() {
        return config.fullCommand() || !match.equals("none");
    }

    /**
     * @param comm    the process's comm (from /proc/PID/stat)
     * @param cmdline /proc/PID/cmdline (argv NUL-separated, each NUL-terminated); may be null when
     *                {@link #needsCommandLine()} is false
     */
    public boolean matches(String comm, byte[] cmdline) {
        int argv0End = -1;
        if (cmdline != null) {
            argv0End = indexOf(cmdline, (byte) 0);
            if (argv0End < 0) {
                argv0End = cmdline.length;
            }
        }
        if (config.fullCommand()) {
            if (cmdline == null || !Arrays.equals(cmdline, 0, argv0End, name, 0, name.length)) {
                return false;
            }
        } else if (!Arrays.equals(comm.getBytes(StandardCharsets.UTF_8), name)) {
            return false;
        }
        if (match.equals("none")) {
            return true;
        }
        if (cmdline == null) {
            return false;
        }
        int start = Math.min(cmdline.length, argv0End + 1);
        int len = cmdline.length - start;
        if (match.equals("exact") && params.length == 0) {
            return len == 0;
        }
        if (len < params.length) {
            return false;
        }
        return switch (match) {
            case "exact" -> len == params.length && Arrays.equals(cmdline, start, cmdline.length, params, 0, len);
            case "partial" -> Arrays.equals(cmdline, start, start + params.length, params, 0, params.length);
            default -> params.length <= 1
                    || Arrays.equals(cmdline, start, start + params.length - 1, params, 0, params.length - 1);
        };
    }

    private static int indexOf(byte[] b, byte v) {
        for (int k = 0; k < b.length; k++) {
            if (b[k] == v) {
                return k;
            }
        }
        return -1;
    }
}
