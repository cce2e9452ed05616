package io.jkeepalived.conf.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * keepalived 2.2.7's keyword tree ({@code keywords-2.2.7.txt}): every keyword each family registers,
 * its nesting, and whether it reads a value block. Keyword tables are built from it so that what is
 * known, what is unknown and how blocks are consumed are exactly keepalived's; the families bind
 * handlers to the keywords whose values they check.
 */
public final class KeywordSchema {

    /** One keyword: its name, whether it reads a {@code { a b c }} value block, and its sub-keywords. */
    public record Node(String name, boolean valueBlock, List<Node> children, boolean block) {
    }

    private static final String RESOURCE = "/io/jkeepalived/conf/keywords-2.2.7.txt";
    private static volatile KeywordSchema instance;

    private final Map<String, List<Node>> families;

    private KeywordSchema(Map<String, List<Node>> families) {
        this.families = families;
    }

    public static KeywordSchema get() {
        KeywordSchema s = instance;
        if (s == null) {
            synchronized (KeywordSchema.class) {
                s = instance;
                if (s == null) {
                    s = load();
                    instance = s;
                }
            }
        }
        return s;
    }

    /** The root keywords of a family ("global", "vrrp", "check", "bfd", "track") in registration order. */
    public List<Node> roots(String family) {
        List<Node> roots = families.get(family);
        if (roots == null) {
            throw new IllegalArgumentException("no keyword family " + family);
        }
        return roots;
    }

    private static KeywordSchema load() {
        try (InputStream in = KeywordSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KeywordSchema parse(BufferedReader in) throws IOException {
        Map<String, List<Node>> families = new LinkedHashMap<>();
        List<Node> roots = null;
        // the open chain: children lists by depth
        Deque<List<Node>> chain = new ArrayDeque<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("@family ")) {
                roots = new ArrayList<>();
                families.put(line.substring(8).trim(), roots);
                chain.clear();
                chain.push(roots);
                continue;
            }
            int indent = 0;
            while (line.charAt(indent) == ' ') {
                indent++;
            }
            int depth = indent / 2;
            // "name", "name/" or "name VB", split by hand: a regular expression here is a large share of
            // the start-up of a config test (bench/README.md)
            int end = indent;
            while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                end++;
            }
            String name = line.substring(indent, end);
            boolean block = name.endsWith("/");
            if (block) {
                name = name.substring(0, name.length() - 1);
            }
            int flag = end;
            while (flag < line.length() && Character.isWhitespace(line.charAt(flag))) {
                flag++;
            }
            int flagEnd = flag;
            while (flagEnd < line.length() && !Character.isWhitespace(line.charAt(flagEnd))) {
                flagEnd++;
            }
            boolean vb = line.startsWith("VB", flag) && flagEnd == flag + 2;
            while (chain.size() > depth + 1) {
                chain.pop();
            }
            List<Node> children = new ArrayList<>();
            chain.peek().add(new Node(name, vb, children, block));
            if (block) {
                chain.push(children);
            }
        }
        return new KeywordSchema(families);
    }
}
