package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.vrrp.fsm.VrrpEvent;

/**
 * A {@code track_file}'s number and what it does to an instance, as keepalived 2.2.7 (trackers/track_file.c,
 * vrrp_track.c) works them out (pure):
 * <ul>
 * <li>the file's first 127 bytes are read as C's {@code strtol(buf, NULL, 0)} does (leading white space, a sign,
 *     0x for hexadecimal, a leading 0 for octal, whatever follows the digits ignored, no digits = 0); a missing,
 *     unreadable or empty file counts as 0; a number outside -2147483648..2147483648 is ignored with keepalived's
 *     line and the previous value kept;</li>
 * <li>weight 0: a non-zero value means FAULT (with {@code reverse}: zero means FAULT);</li>
 * <li>otherwise {@code value × weight} (negated with {@code reverse}) is added to the priority, capped at 253;
 *     -254 or below means FAULT.</li>
 * </ul>
 */
public final class TrackFileStatus {
    /** keepalived reads at most this many bytes (a 128-byte buffer with its terminating NUL). */
    static final int MAX_READ = 127;

    private TrackFileStatus() {
    }

    /**
     * What C's strtol gives for the file's bytes.
     *
     * @param value strtol's result (saturated to Long.MIN/MAX_VALUE on overflow)
     * @param valid false when keepalived ignores it: overflow, or outside -2147483648..2147483648
     */
    public record Reading(long value, boolean valid) {
    }

    /** Reads the bytes as keepalived does. */
    public static Reading read(byte[] content) {
        int n = Math.min(content.length, MAX_READ);
        int p = 0;
        while (p < n && isSpace(content[p])) {
            p++;
        }
        boolean negative = false;
        if (p < n && (content[p] == '+' || content[p] == '-')) {
            negative = content[p] == '-';
            p++;
        }
        int base = 10;
        if (p < n && content[p] == '0') {
            if (p + 2 < n && (content[p + 1] == 'x' || content[p + 1] == 'X') && digit(content[p + 2], 16) >= 0) {
                base = 16;
                p += 2;
            } else {
                base = 8;
            }
        }
        long value = 0;
        boolean overflow = false;
        for (; p < n; p++) {
            int d = digit(content[p], base);
            if (d < 0) {
                break;
            }
            if (!overflow && value > (Long.MAX_VALUE - d) / base) {
                overflow = true;
            } else if (!overflow) {
                value = value * base + d;
            }
        }
        if (overflow) {
            return new Reading(negative ? Long.MIN_VALUE : Long.MAX_VALUE, false);
        }
        long v = negative ? -value : value;
        return new Reading(v, v >= Integer.MIN_VALUE && v <= (long) Integer.MAX_VALUE + 1);
    }

    /** keepalived's line for a number it ignores. */
    public static String invalidLine(Reading r, String path) {
        return "Invalid number " + r.value() + " read from " + path + " - ignoring";
    }

    /** The effect of a value on one instance tracking the file ({@code tracker} is the state machine's name). */
    public static VrrpEvent.TrackerChanged contribution(String tracker, Tracked tracked, long value) {
        return new VrrpEvent.TrackerChanged(tracker, weight(tracked, value), status(tracked, value) <= -254);
    }

    /** keepalived's per-instance status: -254 = FAULT, else what is added to the priority. */
    static int status(Tracked tracked, long value) {
        boolean reverse = tracked.reverse();
        if (tracked.weight() == 0) {
            return (value != 0) == !reverse ? -254 : 0;
        }
        long s = value * tracked.weight() * (reverse ? -1 : 1);
        return (int) Math.max(-254, Math.min(253, s));
    }

    private static int weight(Tracked tracked, long value) {
        int s = status(tracked, value);
        return s <= -254 ? 0 : s;
    }

    /** keepalived's start-up line for an instance a file puts in FAULT, with the unclamped status it prints. */
    static String initialFaultLine(String instance, String file, Tracked tracked, long value) {
        long s = tracked.weight() == 0 ? -254 : value * tracked.weight() * (tracked.reverse() ? -1 : 1);
        return "(" + instance + "): entering FAULT state (tracked file " + file + " has status " + (int) s + ")";
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private static int digit(byte b, int base) {
        int d;
        if (b >= '0' && b <= '9') {
            d = b - '0';
        } else if (b >= 'a' && b <= 'z') {
            d = b - 'a' + 10;
        } else if (b >= 'A' && b <= 'Z') {
            d = b - 'A' + 10;
        } else {
            return -1;
        }
        return d < base ? d : -1;
    }
}
