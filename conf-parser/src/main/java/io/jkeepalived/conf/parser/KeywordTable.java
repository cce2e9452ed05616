package io.jkeepalived.conf.parser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * One level of keywords (keepalived's {@code install_keyword*} vectors). Lookup is an exact,
 * case-sensitive match and the first registration of a name wins, as in keepalived.
 */
public final class KeywordTable {

    /** One keyword: its handler, an optional sub-level and a handler run when that block closes. */
    public static final class Keyword {
        final String name;
        final Handler handler;
        final KeywordTable sub;
        final Runnable closeHandler;
        final boolean active;

        Keyword(String name, Handler handler, KeywordTable sub, Runnable closeHandler, boolean active) {
            this.name = name;
            this.handler = handler;
            this.sub = sub;
            this.closeHandler = closeHandler;
            this.active = active;
        }

        public String name() {
            return name;
        }

        public boolean active() {
            return active;
        }

        public KeywordTable sub() {
            return sub;
        }
    }

    private final List<Keyword> keywords = new ArrayList<>();
    /** Lookup by name; the first registration of a name wins, as keepalived's linear search does. */
    private final java.util.Map<String, Keyword> byName = new java.util.HashMap<>();

    /** A plain keyword. */
    public KeywordTable keyword(String name, Handler handler) {
        add(new Keyword(name, handler, null, null, true));
        return this;
    }

    /** A keyword opening a block whose keywords {@code sub} installs; {@code close} may be null. */
    public KeywordTable block(String name, Handler handler, Consumer<KeywordTable> sub, Runnable close) {
        KeywordTable table = new KeywordTable();
        sub.accept(table);
        add(new Keyword(name, handler, table, close, true));
        return this;
    }

    /** A block keyword sharing an existing sub-table (keepalived re-uses checker tables). */
    public KeywordTable block(String name, Handler handler, KeywordTable sub, Runnable close) {
        add(new Keyword(name, handler, sub, close, true));
        return this;
    }

    /**
     * A root keyword with {@code active} as the phase decides ({@code install_keyword_root(.., active)}).
     * An inactive one is known (not "Unknown keyword") but its block is skipped.
     */
    public KeywordTable root(String name, Handler handler, boolean active, Consumer<KeywordTable> sub, Runnable close) {
        KeywordTable table = null;
        if (sub != null) {
            table = new KeywordTable();
            sub.accept(table);
        }
        if (!active) {
            // keepalived installs no sub-keywords under an inactive root (keyword_alloc_sub returns
            // early): its block is skipped by brace counting at the root level, and a header without
            // its '{' leaves the following lines to be read as root keywords.
            table = null;
            close = null;
        }
        add(new Keyword(name, handler, table, close, active));
        return this;
    }

    /** The first keyword of that exact name, or null. */
    public Keyword find(String name) {
        return byName.get(name);
    }

    private void add(Keyword k) {
        keywords.add(k);
        byName.putIfAbsent(k.name, k);
    }

    public List<Keyword> keywords() {
        return Collections.unmodifiableList(keywords);
    }
}
