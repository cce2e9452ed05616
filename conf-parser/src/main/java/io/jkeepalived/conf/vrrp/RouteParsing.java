package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.model.vrrp.Route;
import io.jkeepalived.conf.model.vrrp.Rule;

import java.util.List;

/**
 * Types a {@code virtual_routes} / {@code virtual_rules} line (kept as words in {@code VrrpInstance}) the way the
 * static blocks are typed, for the VRRP engine. Quiet: the parser has already reported what is wrong with a line.
 */
public final class RouteParsing {
    private RouteParsing() {
    }

    /** The route keepalived reads from the line, or null where it drops the line. */
    public static Route route(List<String> words) {
        return RouteLines.toRoute(words);
    }

    /** The rule keepalived reads from the line (preference -1 when none is written), or null where it drops it. */
    public static Rule rule(List<String> words) {
        return RouteLines.toRule(words);
    }
}
