package io.jkeepalived.conf.schema;

import io.jkeepalived.conf.parser.Handler;
import io.jkeepalived.conf.parser.KeywordTable;
import io.jkeepalived.conf.parser.ParseContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a family's keyword tables from the {@link KeywordSchema}, running the handlers the family bound
 * to keyword paths ({@code "vrrp_instance/priority"}); a keyword nobody bound is accepted as keepalived
 * accepts it (its value block, if any, is read) and kept in the recorded settings.
 */
public final class SchemaTables {

    /** Handlers bound to keyword paths, and handlers run when a block closes. */
    public static final class Bindings {
        private final Map<String, Handler> handlers = new HashMap<>();
        private final Map<String, Runnable> closers = new HashMap<>();

        /** Binds a handler; the path is the keyword names from the root joined by '/'. */
        public Bindings on(String path, Handler handler) {
            if (handlers.put(path, handler) != null) {
                throw new IllegalStateException("two handlers for " + path);
            }
            return this;
        }

        /** The same handler for several paths. */
        public Bindings on(List<String> paths, Handler handler) {
            paths.forEach(p -> on(p, handler));
            return this;
        }

        /** Runs when the block of that path closes normally (keepalived's sub-level end handler). */
        public Bindings close(String path, Runnable closer) {
            closers.put(path, closer);
            return this;
        }
    }

    private SchemaTables() {
    }

    public static void install(KeywordTable root, String family, boolean active, ParseContext ctx, Bindings b) {
        for (KeywordSchema.Node node : KeywordSchema.get().roots(family)) {
            String path = node.name();
            Handler h = handler(node, path, ctx, b);
            if (node.block()) {
                root.root(node.name(), h, active, sub -> fill(sub, node.children(), path, ctx, b), b.closers.get(path));
            } else {
                root.root(node.name(), h, active, null, null);
            }
        }
    }

    private static void fill(KeywordTable table, List<KeywordSchema.Node> nodes, String parent, ParseContext ctx, Bindings b) {
        for (KeywordSchema.Node node : nodes) {
            String path = parent + "/" + node.name();
            Handler h = handler(node, path, ctx, b);
            if (node.block()) {
                table.block(node.name(), h, sub -> fill(sub, node.children(), path, ctx, b), b.closers.get(path));
            } else {
                table.keyword(node.name(), h);
            }
        }
    }

    private static Handler handler(KeywordSchema.Node node, String path, ParseContext ctx, Bindings b) {
        Handler h = checked(node, path, ctx, b);
        String notBuilt = NotBuilt.what(path);
        if (notBuilt == null) {
            return h;
        }
        return words -> {
            if (words != null) {
                ctx.diag().notImplemented(node.name(), notBuilt);
            }
            h.handle(words);
        };
    }

    private static Handler checked(KeywordSchema.Node node, String path, ParseContext ctx, Bindings b) {
        Handler bound = b.handlers.get(path);
        if (bound != null) {
            return words -> {
                if (words != null) {
                    bound.handle(words);
                }
            };
        }
        ValueChecks.Check check = ValueChecks.forPath(path);
        if (check != null && !node.valueBlock()) {
            return words -> {
                if (words != null) {
                    ValueChecks.apply(check, ctx, words);
                }
            };
        }
        if (node.valueBlock()) {
            return words -> {
                if (words != null) {
                    ctx.valueBlock(words, w -> { });
                }
            };
        }
        return words -> { };
    }
}
