package io.jkeepalived.conf.parser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * keepalived's {@code $NAME=value} parameters: definitions (one line, or several joined by a trailing
 * {@code \}), {@code $NAME} / {@code ${NAME}} substitution, and the standard ones ({@code $_PWD},
 * {@code $_INSTANCE}, {@code $_HASH}, {@code $_BANG}).
 */
final class Definitions {
    /** One definition; a multi-line value keeps its lines separated by '\n'. */
    static final class Def {
        final String name;
        String value;
        boolean multiline;
        boolean pwd;

        Def(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }

    /** The result of a substitution: the new line and, for a multi-line value, the lines that follow it. */
    record Replaced(String line, List<String> following) {
    }

    private final List<Def> defs = new ArrayList<>();
    private final java.util.function.Supplier<Path> cwd;

    Definitions(java.util.function.Supplier<Path> cwd) {
        this.cwd = cwd;
        Def p = new Def("_PWD", "");
        p.pwd = true;
        defs.add(p);
        defs.add(new Def("_INSTANCE", ""));
        defs.add(new Def("_HASH", "#"));
        defs.add(new Def("_BANG", "!"));
    }

    /**
     * keepalived's check_definition(): a {@code $NAME=value} line defines NAME. Returns the definition (a
     * multi-line one still collecting lines) or null when the line is not a definition.
     */
    Def define(String buf) {
        if (buf.length() < 2 || buf.charAt(0) != '$' || !(Character.isLetter(buf.charAt(1)) || buf.charAt(1) == '_')) {
            return null;
        }
        int p = 2;
        while (p < buf.length() && buf.charAt(p) != '=') {
            char c = buf.charAt(p);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return null;
            }
            p++;
        }
        String name = buf.substring(1, p);
        while (p < buf.length() && (buf.charAt(p) == ' ' || buf.charAt(p) == '\t')) {
            p++;
        }
        if (p >= buf.length() || buf.charAt(p) != '=') {
            return null;
        }
        p++;
        while (p < buf.length() && (buf.charAt(p) == ' ' || buf.charAt(p) == '\t')) {
            p++;
        }
        String value = buf.substring(p);
        Def def = find(name, true);
        if (def == null) {
            def = new Def(name, "");
            defs.add(def);
        }
        def.pwd = false;
        def.multiline = value.endsWith("\\");
        if (def.multiline) {
            value = value.substring(0, value.length() - 1).stripTrailing();
            def.value = value.isEmpty() ? "" : value + "\n";
        } else {
            def.value = value;
        }
        return def;
    }

    /** A further line of a multi-line definition; returns false when the definition is complete. */
    boolean extend(Def def, String line) {
        boolean more = line.endsWith("\\");
        String text = more ? line.substring(0, line.length() - 1).stripTrailing() : line;
        if (!text.isEmpty()) {
            def.value += more ? text + "\n" : text;
        }
        if (!more) {
            finish(def);
        }
        return more;
    }

    /** A multi-line definition ended (by a blank line or a line without '\'). */
    void finish(Def def) {
        if (def.value.endsWith("\n")) {
            def.value = def.value.substring(0, def.value.length() - 1);
        }
        if (def.value.isEmpty()) {
            def.multiline = false;
        }
        def.multiline = def.value.indexOf('\n') >= 0 || def.multiline && !def.value.isEmpty();
    }

    /** Sets NAME (used by ~SEQ/~LST for their variable). */
    void set(String name, String value) {
        Def def = find(name, false);
        if (def == null) {
            def = new Def(name, value);
            defs.add(def);
        }
        def.pwd = false;
        def.value = value;
        def.multiline = false;
    }

    private Def find(String name, boolean allowMultiline) {
        for (Def d : defs) {
            if (d.name.equals(name) && (allowMultiline || !d.multiline)) {
                return d;
            }
        }
        return null;
    }

    /**
     * keepalived's replace_param(): substitutes every {@code $NAME} and {@code ${NAME}} that names a
     * definition. Returns null when nothing was replaced.
     */
    Replaced replace(String buf) {
        StringBuilder out = new StringBuilder();
        List<String> following = List.of();
        boolean found = false;
        int i = 0;
        while (i < buf.length()) {
            char c = buf.charAt(i);
            if (c != '$' || i + 1 >= buf.length()) {
                out.append(c);
                i++;
                continue;
            }
            boolean braces = buf.charAt(i + 1) == '{';
            int nameStart = i + (braces ? 2 : 1);
            int p = nameStart;
            if (p >= buf.length() || !(Character.isLetter(buf.charAt(p)) || buf.charAt(p) == '_')) {
                out.append(c);
                i++;
                continue;
            }
            while (p < buf.length() && (Character.isLetterOrDigit(buf.charAt(p)) || buf.charAt(p) == '_')) {
                p++;
            }
            String name = buf.substring(nameStart, p);
            int end;
            if (braces) {
                if (p >= buf.length() || buf.charAt(p) != '}') {
                    out.append(c);
                    i++;
                    continue;
                }
                end = p + 1;
            } else {
                if (p < buf.length() && " \t,)".indexOf(buf.charAt(p)) < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                end = p;
            }
            boolean wholeLineEnd = end == buf.length();
            Def def = find(name, wholeLineEnd);
            if (def == null) {
                out.append(c);
                i++;
                continue;
            }
            found = true;
            String value = def.pwd ? cwd.get().toString() : def.value;
            if (def.multiline) {
                String[] lines = value.split("\n", -1);
                out.append(lines[0]);
                following = List.of(lines).subList(1, lines.length);
                out.append(buf, end, buf.length());
                return new Replaced(out.toString(), following);
            }
            out.append(value);
            i = end;
            if (!value.isEmpty() && value.strip().startsWith("~")) {
                out.append(buf, end, buf.length());
                return new Replaced(out.toString(), following);
            }
        }
        return found ? new Replaced(out.toString(), following) : null;
    }

    boolean isEmpty() {
        return defs.isEmpty();
    }
}
