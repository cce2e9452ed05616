package io.jkeepalived.conf.model;

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
        args = List.copyOf(args);
        values = values.stream().map(List::copyOf).toList();
        children = List.copyOf(children);
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
        return children.stream().filter(s -> s.keyword.equals(name)).toList();
    }
}
