package io.jkeepalived.conf.check;

import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Recorder;
import io.jkeepalived.conf.parser.ValueReader;
import io.jkeepalived.conf.schema.SchemaTables;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/** BFD_CHECK (keepalived's check_bfd.c): a real server follows a bfd_instance. */
final class BfdCheckKeywords {
    private static final int BFD_INAME_MAX = 32;

    private BfdCheckKeywords() {
    }

    static void bind(SchemaTables.Bindings on, String rs, ParseContext ctx, CheckerHost host) {
        String c = rs + "BFD_CHECK";
        // the BFDs the real server being read already follows (keepalived's rs->tracked_bfds)
        Map<Object, Set<String>> monitored = new IdentityHashMap<>();
        on.on(c, w -> { });
        on.on(c + "/name", w -> {
            Recorder r = ctx.recorder();
            if (dropped(r)) {
                return;
            }
            String rsName = rsName(host);
            String name = w.wordOrNull(1);
            boolean error = true;
            if (w.size() != 2) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) BFD_CHECK - No or too many names specified - skipping checker", rsName);
            } else if (r.roots("bfd_instance").stream().noneMatch(s -> name.equals(s.arg()))) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) BFD_CHECK - BFD %s not configured", rsName, name);
            } else if (r.currentFact("name") != null) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) BFD_CHECK - BFD %s already specified as %s", rsName, name, r.currentFact("name"));
            } else if (name.length() >= BFD_INAME_MAX) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) BFD_CHECK - BFD name %s too long", rsName, name);
            } else if (monitored.getOrDefault(host.realServer(), Set.of()).contains(name)) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) BFD_CHECK - RS already monitoring %s", rsName, name);
            } else {
                error = false;
            }
            if (error) {
                r.fact(CheckerKeywords.DROPPED, true);
                return;
            }
            r.fact("name", name);
        });
        on.on(c + "/alpha", w -> {
            Recorder r = ctx.recorder();
            if (dropped(r)) {
                return;
            }
            int res = 1;
            if (w.size() >= 2) {
                res = ValueReader.checkTrueFalse(w.word(1));
                if (res == -1) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Invalid alpha parameter %s", w.word(1));
                    return;
                }
            }
            r.fact("alpha", res == 1);
        });
        on.close(c, () -> {
            Recorder r = ctx.recorder();
            if (dropped(r)) {
                return;
            }
            if (r.currentFact("name") == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s) No name has been specified for BFD_CHECKER - skipping", rsName(host));
                r.fact(CheckerKeywords.DROPPED, true);
                return;
            }
            monitored.computeIfAbsent(host.realServer(), k -> new HashSet<>()).add((String) r.currentFact("name"));
        });
    }

    private static boolean dropped(Recorder r) {
        return Boolean.TRUE.equals(r.currentFact(CheckerKeywords.DROPPED));
    }

    private static String rsName(CheckerHost host) {
        String port = host.realServerPort();
        return "[" + host.realServerAddress() + "]:" + (port == null ? "0" : port);
    }
}
