package io.jkeepalived.conf.parser;

import io.jkeepalived.conf.model.Setting;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps every accepted keyword line of one phase as {@link Setting} trees, one per root keyword. */
public final class Recorder implements ParseListener {
    private static final class Node {
        final String keyword;
        final List<String> args;
        final List<List<String>> values = new ArrayList<>();
        final List<Node> children = new ArrayList<>();
        Map<String, Object> facts = Map.of();
        boolean block;

        Node(String keyword, List<String> args) {
            this.keyword = keyword;
            this.args = args;
        }

        void put(String key, Object value) {
            if (facts.isEmpty()) {
                facts = new LinkedHashMap<>();
            }
            facts.put(key, value);
        }

        Setting freeze() {
            int n = children.size();
            Setting[] kids = new Setting[n];
            for (int i = 0; i < n; i++) {
                kids[i] = children.get(i).freeze();
            }
            return new Setting(keyword, args, block, values, List.of(kids));
        }

        Block block() {
            // loops and arrays rather than streams: this runs for every recorded line of a large config
            int n = children.size();
            Block[] kids = new Block[n];
            Setting[] settings = new Setting[n];
            for (int i = 0; i < n; i++) {
                Block k = children.get(i).block();
                kids[i] = k;
                settings[i] = k.setting();
            }
            Setting s = new Setting(keyword, args, block, values, List.of(settings));
            // the facts are complete: blocks are built after the phase has read its lines
            return new Block(s, facts.isEmpty() ? Map.of() : Collections.unmodifiableMap(facts), List.of(kids));
        }
    }

    /**
     * A recorded block: the lines as written, the checked values its handlers noted ({@link #fact}),
     * and the same for every keyword inside it.
     */
    public record Block(Setting setting, Map<String, Object> facts, List<Block> children) {
        public String keyword() {
            return setting.keyword();
        }

        @SuppressWarnings("unchecked")
        public <T> T fact(String key, T otherwise) {
            Object v = facts.get(key);
            return v == null ? otherwise : (T) v;
        }

        /** Direct children with that keyword. */
        public List<Block> all(String keyword) {
            List<Block> out = new ArrayList<>();
            for (Block c : children) {
                if (c.keyword().equals(keyword)) {
                    out.add(c);
                }
            }
            return Collections.unmodifiableList(out);
        }

        /** The first direct child with that keyword, or null. */
        public Block child(String keyword) {
            for (Block c : children) {
                if (c.keyword().equals(keyword)) {
                    return c;
                }
            }
            return null;
        }
    }

    private final List<Node> roots = new ArrayList<>();
    private final Deque<Node> open = new ArrayDeque<>();
    private Node last;

    @Override
    public void keyword(Words words, boolean opensBlock) {
        List<String> all = words.list();
        int end = 1;
        while (end < all.size() && !all.get(end).equals("{")) {
            end++;
        }
        // an immutable list, so the Setting made from it later keeps it instead of copying it
        List<String> args;
        if (end == 1) {
            args = List.of();
        } else {
            String[] a = new String[end - 1];
            for (int i = 1; i < end; i++) {
                a[i - 1] = all.get(i);
            }
            args = List.of(a);
        }
        Node n = new Node(all.get(0), args);
        (open.isEmpty() ? roots : open.peek().children).add(n);
        last = n;
        if (opensBlock) {
            n.block = true;
            open.push(n);
        }
    }

    @Override
    public void leave() {
        if (!open.isEmpty()) {
            last = open.pop();
        }
    }

    @Override
    public void valueBlock() {
        if (last != null) {
            last.block = true;
        }
    }

    @Override
    public void value(Words line) {
        if (last != null) {
            last.values.add(line.list());
        }
    }

    /**
     * Notes a checked value on the innermost open block (for a root keyword without a block, on that
     * keyword's own line), for the typed model built at the end of the phase.
     */
    public void fact(String key, Object value) {
        Node target = open.isEmpty() ? last : open.peek();
        if (target != null && value != null) {
            target.put(key, value);
        }
    }

    /** The first argument of the innermost open block (an instance's or script's name), or "". */
    public String currentBlockName() {
        Node target = open.peek();
        return target == null || target.args.isEmpty() ? "" : target.args.get(0);
    }

    /** A value noted on the innermost open block, or null. */
    public Object currentFact(String key) {
        Node target = open.isEmpty() ? last : open.peek();
        return target == null ? null : target.facts.get(key);
    }

    /** Notes a value on the block enclosing the innermost one ({@code authentication} notes on its instance). */
    public void parentFact(String key, Object value) {
        if (open.size() >= 2 && value != null) {
            var it = open.iterator();
            it.next();
            it.next().put(key, value);
        }
    }

    /** Like {@link #fact} but on the line being handled itself (e.g. a keyword that opens a block, before it opens). */
    public void lineFact(String key, Object value) {
        if (last != null && value != null) {
            last.put(key, value);
        }
    }

    /** The recorded root blocks with this keyword, in file order. */
    public List<Block> blocks(String keyword) {
        List<Block> out = new ArrayList<>();
        for (Node n : roots) {
            if (n.keyword.equals(keyword)) {
                out.add(n.block());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The root settings with this keyword, in file order. */
    public List<Setting> roots(String keyword) {
        return roots.stream().filter(n -> n.keyword.equals(keyword)).map(Node::freeze).toList();
    }

    /** All root settings, in file order. */
    public List<Setting> roots() {
        return roots.stream().map(Node::freeze).toList();
    }
}
