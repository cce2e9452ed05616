package io.jkeepalived.conf.parser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * keepalived's {@code ~SEQ(var, start, step, end) text}, {@code ~SEQx(...)} (hexadecimal) and
 * {@code ~LST(var, a, b, ...) text} / {@code ~LST({v1, v2}, {a1, a2}, {b1, b2}) text}: the text is
 * delivered once per value with the variable(s) defined, before the next line is read.
 */
final class Sequences {
    private interface Seq {
        /** Defines the variables for the next repetition and returns the text, or null when done. */
        String next(Definitions defs);
    }

    private final Deque<Seq> active = new ArrayDeque<>();

    boolean isEmpty() {
        return active.isEmpty();
    }

    int depth() {
        return active.size();
    }

    /** The next generated line of the innermost sequence, or null when none remains. */
    String next(Definitions defs) {
        while (!active.isEmpty()) {
            String line = active.peekLast().next(defs);
            if (line != null) {
                return line;
            }
            active.pollLast();
        }
        return null;
    }

    /** keepalived's add_seq(); false (after any specific message) when the line is not valid. */
    boolean addSeq(String buf, Definitions defs, Diagnostics diag) {
        int p = 4;
        boolean hex = p < buf.length() && buf.charAt(p) == 'x';
        if (hex) {
            p++;
        }
        p = skipBlanks(buf, p);
        if (p >= buf.length() || buf.charAt(p) != '(') {
            return false;
        }
        p = skipBlanks(buf, p + 1);
        int var = p;
        while (p < buf.length() && " \t,)".indexOf(buf.charAt(p)) < 0) {
            p++;
        }
        String name = buf.substring(var, p);
        p = skipBlanks(buf, p);
        if (p >= buf.length() || buf.charAt(p) == ')' || name.isEmpty()) {
            diag.report(ConfigError.GENERAL_ERROR, "Invalid ~SEQ definition '%s'", buf);
            return false;
        }
        p = skipBlanks(buf, p + 1);
        int close = buf.indexOf(')', p);
        if (close < 0) {
            diag.report(ConfigError.GENERAL_ERROR, "Invalid ~SEQ definition '%s'", buf);
            return false;
        }
        String params = buf.substring(p, close + 1);
        Definitions.Replaced r = defs.replace(params);
        if (r != null) {
            if (!r.following().isEmpty()) {
                diag.report(ConfigError.GENERAL_ERROR, "~SEQ parameter is multiline definition '%s'", buf);
                return false;
            }
            params = r.line();
        }
        long[] nums = new long[3];
        int count = 0;
        int q = 0;
        while (true) {
            int[] pos = {q};
            nums[count++] = strtol(params, pos);
            q = skipBlanks(params, pos[0]);
            if (q < params.length() && params.charAt(q) == ')') {
                break;
            }
            if (count == 3 || q >= params.length() || params.charAt(q) != ',') {
                diag.report(ConfigError.GENERAL_ERROR, "Invalid ~SEQ definition '%s'", buf);
                return false;
            }
            q++;
        }
        long start;
        long step;
        long end;
        if (count == 1) {
            end = nums[0];
            step = end < 1 ? -1 : 1;
            start = end < 0 ? -1 : 1;
        } else if (count == 2) {
            start = nums[0];
            end = nums[1];
            step = start <= end ? 1 : -1;
        } else {
            start = nums[0];
            step = nums[1];
            end = nums[2];
            if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
                diag.report(ConfigError.GENERAL_ERROR, "Invalid ~SEQ values '%s'", buf);
                return false;
            }
        }
        if (hex && (start < 0 || end < 0)) {
            diag.report(ConfigError.GENERAL_ERROR, "~SEQx is only valid for positive numbers '%s'", buf);
            return false;
        }
        String text = buf.substring(skipBlanks(buf, close + 1));
        long[] state = {start};
        long fStep = step;
        long fEnd = end;
        active.addLast(d -> {
            if ((fStep > 0 && state[0] > fEnd) || (fStep < 0 && state[0] < fEnd)) {
                return null;
            }
            d.set(name, hex ? Long.toHexString(state[0]) : Long.toString(state[0]));
            state[0] += fStep;
            return text;
        });
        return true;
    }

    /** keepalived's add_lst(). */
    boolean addLst(String buf, Diagnostics diag) {
        int[] p = {skipBlanks(buf, 4)};
        if (p[0] >= buf.length() || buf.charAt(p[0]) != '(') {
            return false;
        }
        p[0] = skipBlanks(buf, p[0] + 1);
        List<String> vars = group(buf, p, " \t,}");
        if (vars == null) {
            return false;
        }
        if (p[0] >= buf.length() || buf.charAt(p[0]) != ',') {
            return false;
        }
        p[0] = skipBlanks(buf, p[0] + 1);
        List<List<String>> sets = new ArrayList<>();
        while (true) {
            List<String> values = group(buf, p, " \t,})");
            if (values == null) {
                return false;
            }
            if (values.size() > vars.size()) {
                diag.report(ConfigError.GENERAL_ERROR, "~LST specification has too many values '%s'", buf);
                return false;
            }
            while (values.size() < vars.size()) {
                values.add("");
            }
            sets.add(values);
            if (p[0] < buf.length() && buf.charAt(p[0]) == ')') {
                break;
            }
            if (p[0] >= buf.length() || buf.charAt(p[0]) != ',') {
                return false;
            }
            p[0] = skipBlanks(buf, p[0] + 1);
        }
        String text = buf.substring(skipBlanks(buf, p[0] + 1));
        int[] next = {0};
        active.addLast(d -> {
            if (next[0] >= sets.size()) {
                return null;
            }
            List<String> values = sets.get(next[0]++);
            for (int i = 0; i < vars.size(); i++) {
                d.set(vars.get(i), values.get(i));
            }
            return text;
        });
        return true;
    }

    /** One name or value, or a {@code {a, b}} group of them; leaves {@code p} on the character after it. */
    private static List<String> group(String buf, int[] p, String stops) {
        List<String> out = new ArrayList<>();
        boolean braced = p[0] < buf.length() && buf.charAt(p[0]) == '{';
        if (braced) {
            p[0] = skipBlanks(buf, p[0] + 1);
        }
        while (true) {
            int start = p[0];
            while (p[0] < buf.length() && stops.indexOf(buf.charAt(p[0])) < 0) {
                p[0]++;
            }
            out.add(buf.substring(start, p[0]));
            p[0] = skipBlanks(buf, p[0]);
            if (!braced) {
                return out;
            }
            if (p[0] < buf.length() && buf.charAt(p[0]) == '}') {
                p[0] = skipBlanks(buf, p[0] + 1);
                return out;
            }
            if (p[0] >= buf.length() || buf.charAt(p[0]) != ',') {
                return null;
            }
            p[0] = skipBlanks(buf, p[0] + 1);
        }
    }

    /** C's strtol(s, &end, 0): decimal, 0x hex or 0 octal, with sign; no digits gives 0. */
    private static long strtol(String s, int[] pos) {
        int i = skipBlanks(s, pos[0]);
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        } else if (i < s.length() && s.charAt(i) == '0') {
            base = 8;
        }
        int start = i;
        long v = 0;
        while (i < s.length() && Character.digit(s.charAt(i), base) >= 0) {
            v = v * base + Character.digit(s.charAt(i), base);
            i++;
        }
        pos[0] = i == start ? pos[0] : i;
        return neg ? -v : v;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
