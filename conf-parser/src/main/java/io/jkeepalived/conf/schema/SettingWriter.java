package io.jkeepalived.conf.schema;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/** Prints {@link Setting}s back as keepalived.conf lines that read back to equal settings. */
public final class SettingWriter {
    private SettingWriter() {
    }

    public static void write(Setting s, StringBuilder out, int depth) {
        indent(out, depth);
        out.append(s.keyword());
        for (String a : s.args()) {
            out.append(' ').append(word(a));
        }
        if (s.block() && s.children().isEmpty()) {
            out.append(" {\n");
            for (List<String> line : s.values()) {
                indent(out, depth + 1);
                out.append(String.join(" ", line.stream().map(SettingWriter::word).toList())).append('\n');
            }
            indent(out, depth);
            out.append("}");
        } else if (s.block()) {
            out.append(" {\n");
            for (Setting c : s.children()) {
                write(c, out, depth + 1);
            }
            indent(out, depth);
            out.append("}");
        }
        out.append('\n');
    }

    public static void writeAll(List<Setting> settings, StringBuilder out) {
        for (Setting s : settings) {
            write(s, out, 0);
        }
    }

    /** A word as the tokeniser will read it back: quoted when it holds blanks, braces or comment marks. */
    static String word(String w) {
        if (w.isEmpty() || w.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '{' || c == '}' || c == '#' || c == '!')) {
            return '"' + w + '"';
        }
        return w;
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("    ".repeat(depth));
    }
}
