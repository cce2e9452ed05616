package io.jkeepalived.conf.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A keyword line as the configuration wrote it: the keyword, its arguments, the lines of its value block
 * ({@code virtual_ipaddress { ... }}) if it reads one, and the settings inside its block if it opens one.
 * {@code block} says the keyword was followed by a block (sub-keywords or values), even an empty one.
 * Every keyword jkeepalived reads is kept this way, so nothing is dropped; typed records carry the
 * checked values of the keywords jkeepalived acts on.
 */
public record Setting(String keyword, List<String> args, boolean block, List<List<String>> values, List<Setting> children) {
    public Setting {
        // List.copyOf keeps an immutable list as it is; loops rather than streams, as this runs for
        // every recorded line of a large configuration (bench/README.md)
        args = List.copyOf(args);
        values = copyValues(values);
        children = List.copyOf(children);
    }

    private static List<List<String>> copyValues(List<List<String>> values) {
        int n = values.size();
        if (n == 0) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<String>[] copy = new List[n];
        for (int i = 0; i < n; i++) {
            copy[i] = List.copyOf(values.get(i));
        }
        return List.of(copy);
    }

    /** The first argument, or null. */
    public String arg() {
        return args.isEmpty() ? null : args.get(0);
    }

    /** The first direct child of that keyword, or null. */
    public Setting child(String name) {
        for (Setting s : children) {
            if (s.keyword.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** All direct children of that keyword. */
    public List<Setting> all(String name) {
        List<Setting> out = new ArrayList<>();
        for (Setting s : children) {
            if (s.keyword.equals(name)) {
                out.add(s);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
