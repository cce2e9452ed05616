package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Words;

import java.util.Set;

/**
 * The checks keepalived makes on {@code virtual_routes}/{@code static_routes} and
 * {@code virtual_rules}/{@code static_rules} lines (vrrp_iproute.c, vrrp_iprule.c) that decide its
 * verdict: deprecated spellings, routes that cannot be tracked, rules without a preference, bad
 * addresses. The lines themselves are kept as written for the engine.
 */
final class RouteLines {
    private static final Set<String> ROUTE_TYPES =
            Set.of("unicast", "local", "broadcast", "multicast", "throw", "unreachable", "prohibit", "blackhole", "nat");
    /** Route options that take a value. */
    private static final Set<String> ROUTE_PARAMS = Set.of("src", "via", "gw", "dev", "table", "metric", "preference",
            "priority", "scope", "protocol", "proto", "tos", "dsfield", "realms", "mtu", "advmss", "rtt", "rttvar",
            "reordering", "window", "cwnd", "initcwnd", "initrwnd", "ssthresh", "rto_min", "hoplimit", "features",
            "quickack", "congctl", "pref", "expires", "fastopen_no_cookie", "ttl-propagate", "encap", "as", "to",
            "nexthop", "or", "weight", "onlink", "track_group");

    private RouteLines() {
    }

    static void route(ParseContext ctx, Words w, boolean virtual) {
        boolean dev = false;
        boolean noTrack = false;
        String dest = null;
        for (int i = 0; i < w.size(); i++) {
            String s = w.word(i);
            switch (s) {
                case "or" -> ctx.error(ConfigError.GENERAL_ERROR, "\"or\" for routes is deprecated. Please use \"nexthop\"");
                case "gw" -> ctx.error(ConfigError.GENERAL_ERROR, "\"gw\" for routes is deprecated. Please use \"via\"");
                case "dev", "oif" -> dev = true;
                case "no_track" -> noTrack = true;
                default -> {
                }
            }
            if (dest == null && !ROUTE_TYPES.contains(s) && !ROUTE_PARAMS.contains(s) && !s.equals("no_track")
                    && (i == 0 || !ROUTE_PARAMS.contains(w.word(i - 1)))) {
                dest = s;
            }
            if (ROUTE_PARAMS.contains(s) && !s.equals("or") && !s.equals("nexthop") && !s.equals("onlink")) {
                i++;
            }
        }
        if (virtual && !dev && !noTrack && dest != null) {
            ctx.error(ConfigError.GENERAL_ERROR, "Warning - cannot track route %s with no interface specified, not tracking", dest);
        }
    }

    static void rule(ParseContext ctx, Words w, int[] nextPreference) {
        boolean pref = false;
        for (int i = 0; i < w.size(); i++) {
            String s = w.word(i);
            if ((s.equals("preference") || s.equals("pref") || s.equals("priority")) && w.has(i + 1)) {
                pref = true;
                i++;
            } else if ((s.equals("from") || s.equals("to")) && w.has(i + 1)) {
                String a = w.word(++i);
                if (a.equals("all") || a.equals("default")) {
                    continue;
                }
                int slash = a.indexOf('/');
                String addr = slash >= 0 ? a.substring(0, slash) : a;
                if (InetText.parse(addr) == null) {
                    ctx.error(ConfigError.GENERAL_ERROR, "VRRP parsed invalid IP %s. skipping IP...", a);
                    ctx.error(ConfigError.GENERAL_ERROR, "Invalid rule %s address %s", s, a);
                    return;
                }
            }
        }
        if (!pref) {
            ctx.error(ConfigError.GENERAL_ERROR, "Rule has no preference specified - setting to %d. This is probably not what you want.",
                    nextPreference[0]--);
        }
    }
}
