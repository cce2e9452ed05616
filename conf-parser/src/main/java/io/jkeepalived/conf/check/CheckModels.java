package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.parser.Diagnostics;
import io.jkeepalived.conf.parser.Tokenizer;
import io.jkeepalived.conf.script.NotifyScript;

import java.math.BigDecimal;
import java.util.List;

/**
 * Values for the typed virtual/real server records from the recorded blocks (the checkers' records are
 * built by {@link CheckerKeywords}). The lines were checked, and reported, when they were read.
 */
final class CheckModels {
    private CheckModels() {
    }

    static NotifyScript script(Setting line) {
        if (line == null || line.args().isEmpty()) {
            return null;
        }
        List<String> args = Tokenizer.quotedEscaped(line.args().get(0), new Diagnostics());
        return args == null || args.isEmpty() ? null : new NotifyScript(args, null, null);
    }

    static String text(Setting block, String keyword) {
        Setting s = last(block, keyword);
        return s == null ? null : s.arg();
    }

    static Long number(Setting block, String keyword) {
        String t = text(block, keyword);
        if (t == null) {
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Integer integer(Setting block, String keyword) {
        Long n = number(block, keyword);
        return n == null || n < 0 || n > 65535 ? null : n.intValue();
    }

    /** A keepalived timer (seconds, possibly fractional) in microseconds; -1 when unset or not a number. */
    static long timer(Setting block, String keyword) {
        String t = text(block, keyword);
        if (t == null) {
            return -1;
        }
        try {
            BigDecimal v = new BigDecimal(t);
            return v.signum() < 0 ? -1 : v.movePointRight(6).longValue();
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }

    /**
     * The checker defaults of a virtual_server or real_server block, read quietly with keepalived's ranges
     * (retry 0..UINT_MAX, delay_loop and connect_timeout at least 1 µs, alpha [yes|no|true|false|on|off]).
     */
    static io.jkeepalived.conf.model.check.ServerTiming serverTiming(Setting block) {
        Long retry = number(block, "retry");
        if (retry != null && (retry < 0 || retry > 0xffffffffL)) {
            retry = null;
        }
        Boolean alpha = null;
        Setting a = last(block, "alpha");
        if (a != null) {
            int res = a.args().isEmpty() ? 1 : io.jkeepalived.conf.parser.ValueReader.checkTrueFalse(a.arg());
            alpha = res < 0 ? null : res == 1;
        }
        return new io.jkeepalived.conf.model.check.ServerTiming(retry, micros(block, "delay_before_retry", 0),
                micros(block, "warmup", 0), micros(block, "delay_loop", 1), micros(block, "connect_timeout", 1), alpha);
    }

    private static Long micros(Setting block, String keyword, long min) {
        long t = timer(block, keyword);
        return t < min ? null : t;
    }

    /** The last line of a keyword in a block wins, as each handler overwrites the previous value. */
    private static Setting last(Setting block, String keyword) {
        Setting found = null;
        for (Setting s : block.children()) {
            if (s.keyword().equals(keyword)) {
                found = s;
            }
        }
        return found;
    }
}
