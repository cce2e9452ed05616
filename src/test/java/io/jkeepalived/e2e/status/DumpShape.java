package io.jkeepalived.e2e.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The structure of keepalived's dump files without their values, for comparing jkeepalived's dumps with keepalived's
 * own: what a parser such as keepalived_exporter depends on (section headers, field names, indentation, line order),
 * not the counters, times, addresses or descriptor numbers.
 */
final class DumpShape {
    private DumpShape() {
    }

    /**
     * One shape per line of a data or stats dump: the indentation and the field name ({@code "   State ="},
     * {@code "  Advertisements:"}), section headers as they are, and for a line without a name its text with the
     * digits blanked ({@code "     chk weight #"}).
     */
    static List<String> lines(String dump) {
        List<String> out = new ArrayList<>();
        for (String line : dump.split("\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String t = line.strip();
            String shape;
            int eq = t.indexOf(" = ");
            int colon = t.indexOf(':');
            if (t.startsWith("------<")) {
                shape = t;
            } else if (eq >= 0) {
                shape = t.substring(0, eq) + " =";
            } else if (t.endsWith(" =")) {
                shape = t; // "DBus service name = " with an empty value, stripped
            } else if (colon >= 0) {
                shape = t.substring(0, colon + 1);
            } else {
                shape = t;
            }
            out.add(" ".repeat(indent) + shape.replaceAll("[0-9]+", "#"));
        }
        return out;
    }

    /** The lines of {@code a} that {@code b} lacks, counted as a multiset, in {@code a}'s order. */
    static List<String> missing(List<String> a, List<String> b) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : b) {
            counts.merge(s, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        for (String s : a) {
            Integer n = counts.get(s);
            if (n == null || n == 0) {
                out.add(s);
            } else {
                counts.put(s, n - 1);
            }
        }
        return out;
    }

    /** Every key path of a JSON text ({@code [].data.iname}; array elements share {@code []}). */
    static TreeSet<String> jsonKeys(String json) {
        TreeSet<String> keys = new TreeSet<>();
        new Walker(json, keys).value("");
        return keys;
    }

    /** A small recursive-descent reader; the JSON is validated separately ({@code MiniJson}), so it trusts it. */
    private static final class Walker {
        private final String s;
        private final TreeSet<String> keys;
        private int i;

        Walker(String s, TreeSet<String> keys) {
            this.s = s;
            this.keys = keys;
        }

        void value(String path) {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return;
                }
                while (true) {
                    ws();
                    String k = string();
                    String p = path.isEmpty() ? k : path + "." + k;
                    keys.add(p);
                    ws();
                    i++; // ':'
                    value(p);
                    ws();
                    if (s.charAt(i++) == '}') {
                        return;
                    }
                }
            } else if (c == '[') {
                i++;
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return;
                }
                while (true) {
                    value(path + "[]");
                    ws();
                    if (s.charAt(i++) == ']') {
                        return;
                    }
                }
            } else if (c == '"') {
                string();
            } else {
                while (i < s.length() && ",}] \n\t\r".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
            }
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++; // opening quote
            while (s.charAt(i) != '"') {
                if (s.charAt(i) == '\\') {
                    i++;
                }
                b.append(s.charAt(i++));
            }
            i++;
            return b.toString();
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
