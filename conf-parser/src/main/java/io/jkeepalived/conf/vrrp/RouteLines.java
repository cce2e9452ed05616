package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Words;

import io.jkeepalived.conf.model.vrrp.Route;
import io.jkeepalived.conf.model.vrrp.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks keepalived makes on {@code virtual_routes}/{@code static_routes} and
 * {@code virtual_rules}/{@code static_rules} lines (vrrp_iproute.c, vrrp_iprule.c) that decide its
 * verdict: deprecated spellings, routes that cannot be tracked, rules without a preference, bad
 * addresses. {@link #toRoute} and {@link #toRule} type the lines keepalived accepts, without reporting
 * anything (the messages are given by the checks above while reading).
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

    /** Route types (iproute2's rt_dsfield/rtntype names keepalived knows). */
    private static final Set<String> TYPES = Set.of("unicast", "local", "broadcast", "anycast", "multicast", "blackhole",
            "unreachable", "prohibit", "throw", "nat", "xresolve");
    /** Route options that take one value (and may take {@code lock} before it). */
    private static final Set<String> ONE_VALUE = Set.of("tos", "dsfield", "expires", "mtu", "hoplimit", "advmss", "rtt",
            "rttvar", "reordering", "window", "cwnd", "ssthresh", "realms", "rto_min", "initcwnd", "initrwnd", "features",
            "quickack", "congctl", "pref", "ttl-propagate", "fastopen_no_cookie", "track_group", "vrf", "encap");
    private static final Set<String> LOCKABLE = Set.of("mtu", "advmss", "rtt", "rttvar", "reordering", "cwnd",
            "ssthresh", "rto_min", "congctl");

    private static String at(List<String> w, int i) {
        return i < w.size() ? w.get(i) : null;
    }

    /** {@code ADDR[/LEN]} or {@code default}, as keepalived's parse_route accepts it; the family or null. */
    private static Boolean prefixFamily(String s) {
        if (s == null) {
            return null;
        }
        if (s.equals("default") || s.equals("all") || s.equals("any")) {
            return Boolean.FALSE;
        }
        int slash = s.indexOf('/');
        String addr = slash >= 0 ? s.substring(0, slash) : s;
        if (InetText.parse(addr) == null) {
            return null;
        }
        boolean v6 = InetText.looksLike6(addr);
        if (slash >= 0) {
            String len = s.substring(slash + 1);
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(len) > (v6 ? 128 : 32)) {
                return null;
            }
        }
        return v6;
    }

    /**
     * A route line typed as keepalived's alloc_route reads it, or null where keepalived drops the line
     * (no destination, an unknown word, trailing words). Reports nothing.
     */
    static Route toRoute(List<String> w) {
        String type = "unicast";
        String dest = null;
        String via = null;
        String dev = null;
        String src = null;
        String from = null;
        long metric = -1;
        String table = "main";
        String scope = "global";
        String protocol = null;
        boolean onlink = false;
        boolean noTrack = false;
        List<Route.Nexthop> hops = new ArrayList<>();
        int i = 0;
        while (i < w.size()) {
            String s = w.get(i);
            switch (s) {
                case "inet", "inet6", "add", "prepend", "append" -> {
                }
                case "onlink" -> onlink = true;
                case "no_track" -> noTrack = true;
                case "src" -> src = at(w, ++i);
                case "from" -> from = at(w, ++i);
                case "via", "gw" -> {
                    String v = at(w, ++i);
                    if ("inet".equals(v) || "inet6".equals(v)) {
                        v = at(w, ++i);
                    }
                    if (v == null || InetText.parse(v) == null) {
                        return null;
                    }
                    via = v;
                }
                case "as" -> {
                    if ("to".equals(at(w, ++i))) {
                        i++;
                    }
                }
                case "table" -> table = at(w, ++i);
                case "protocol" -> protocol = at(w, ++i);
                case "scope" -> scope = at(w, ++i);
                case "metric", "priority", "preference" -> {
                    String v = at(w, ++i);
                    if (v == null || v.isEmpty() || v.length() > 10 || !v.chars().allMatch(Character::isDigit)
                            || Long.parseLong(v) > 0xffffffffL) {
                        return null;
                    }
                    metric = Long.parseLong(v);
                }
                case "dev", "oif" -> dev = at(w, ++i);
                case "or" -> {
                    String v = at(w, ++i);
                    if (v == null || InetText.parse(v) == null) {
                        return null;
                    }
                    if (hops.isEmpty()) {
                        hops.add(new Route.Nexthop(via, null, 1, false));
                        hops.add(new Route.Nexthop(v, null, 1, false));
                        via = null;
                    }
                }
                case "nexthop" -> {
                    if (!hops.isEmpty()) {
                        i = w.size(); // keepalived ignores the nexthops after an "or" route
                        continue;
                    }
                    i = nexthops(w, i, hops);
                    if (i < 0) {
                        return null;
                    }
                    continue;
                }
                default -> {
                    if (ONE_VALUE.contains(s)) {
                        if (LOCKABLE.contains(s) && "lock".equals(at(w, i + 1))) {
                            i++;
                        }
                        i++;
                    } else {
                        if (s.equals("to")) {
                            i++;
                        }
                        String d = at(w, i);
                        if (d != null && TYPES.contains(d)) {
                            type = d;
                            d = at(w, ++i);
                        }
                        if (prefixFamily(d) == null) {
                            return null; // "unknown route keyword"
                        }
                        dest = d;
                    }
                }
            }
            i++;
        }
        if (dest == null || table == null || scope == null) {
            return null;
        }
        if (!noTrack) {
            // keepalived tracks the route with its own protocol, or not at all without an interface
            protocol = "keepalived";
            if (dev == null) {
                noTrack = true;
            }
        }
        return new Route(type, dest, via, dev, src, from, metric, table, scope, protocol, onlink, noTrack, hops, w);
    }

    /** The {@code nexthop ...} groups from index i; the index after them, or -1 when keepalived rejects them. */
    private static int nexthops(List<String> w, int i, List<Route.Nexthop> hops) {
        while (i < w.size() && w.get(i).equals("nexthop")) {
            i++;
            String via = null;
            String dev = null;
            int weight = 1;
            boolean onlink = false;
            while (i < w.size() && !w.get(i).equals("nexthop")) {
                String s = w.get(i);
                switch (s) {
                    case "via" -> {
                        String v = at(w, ++i);
                        if ("inet".equals(v) || "inet6".equals(v)) {
                            v = at(w, ++i);
                        }
                        if (v == null || InetText.parse(v) == null) {
                            return -1;
                        }
                        via = v;
                    }
                    case "dev" -> dev = at(w, ++i);
                    case "weight" -> {
                        String v = at(w, ++i);
                        if (v == null || v.isEmpty() || v.length() > 3 || !v.chars().allMatch(Character::isDigit)) {
                            return -1;
                        }
                        weight = Integer.parseInt(v);
                        if (weight < 1 || weight > 256) {
                            return -1;
                        }
                    }
                    case "onlink" -> onlink = true;
                    case "realms", "encap" -> i++;
                    default -> {
                        return -1;
                    }
                }
                i++;
            }
            hops.add(new Route.Nexthop(via, dev, weight, onlink));
        }
        return i < w.size() ? -1 : i;
    }

    /**
     * A rule line typed as keepalived's alloc_rule reads it, or null where keepalived drops it; the
     * preference is -1 when none is written. Reports nothing.
     */
    static Rule toRule(List<String> w) {
        Boolean family = null;
        boolean not = false;
        String from = null;
        String to = null;
        String action = null;
        String table = null;
        long gotoTarget = -1;
        long preference = -1;
        String fwmark = null;
        String iif = null;
        String oif = null;
        boolean noTrack = false;
        for (int i = 0; i < w.size(); i++) {
            String s = w.get(i);
            switch (s) {
                case "inet", "inet6" -> {
                    boolean v6 = s.equals("inet6");
                    if (family != null && family != v6) {
                        return null;
                    }
                    family = v6;
                }
                case "from", "to" -> {
                    String a = at(w, ++i);
                    Boolean f = prefixFamily(a);
                    if (f == null) {
                        return null;
                    }
                    boolean any = a.equals("all") || a.equals("default") || a.equals("any");
                    if (!any) {
                        if (family != null && family != f) {
                            return null;
                        }
                        family = f;
                    }
                    if (s.equals("from")) {
                        from = any ? null : a;
                    } else {
                        to = any ? null : a;
                    }
                }
                case "table", "lookup" -> {
                    String t = at(w, ++i);
                    if (t == null || t.equals("0") || action != null) {
                        return null;
                    }
                    table = t;
                    action = "table";
                }
                case "not" -> not = true;
                case "preference", "order", "priority" -> {
                    String v = at(w, ++i);
                    Long n = unsigned32(v);
                    if (n == null) {
                        return null;
                    }
                    preference = n;
                }
                case "fwmark" -> fwmark = at(w, ++i);
                case "dev", "iif" -> iif = at(w, ++i);
                case "oif" -> oif = at(w, ++i);
                case "no_track" -> noTrack = true;
                case "l3mdev" -> {
                    if (action != null) {
                        return null;
                    }
                    action = "l3mdev";
                }
                case "tos", "dsfield", "realms", "suppress_prefixlength", "sup_pl", "suppress_ifgroup", "sup_group",
                        "tunnel-id", "uidrange", "protocol", "ipproto", "sport", "dport", "track_group" -> i++;
                default -> {
                    String a = s.equals("type") ? at(w, ++i) : s;
                    String act;
                    if ("goto".equals(a)) {
                        Long n = unsigned32(at(w, ++i));
                        if (n == null) {
                            return null;
                        }
                        gotoTarget = n;
                        act = "goto";
                    } else if ("nop".equals(a) || "blackhole".equals(a) || "unreachable".equals(a) || "prohibit".equals(a)) {
                        act = a;
                    } else {
                        return null;
                    }
                    if (action != null) {
                        return null;
                    }
                    action = act;
                }
            }
        }
        if (action == null || (action.equals("goto") && (preference < 0 || preference >= gotoTarget))) {
            return null;
        }
        return new Rule(family != null && family, not, from, to, action, table, gotoTarget, preference,
                fwmark, iif, oif, noTrack, w);
    }

    /** read_unsigned_base(…, 0, UINT32_MAX) without messages: decimal, octal or hex; null when invalid. */
    private static Long unsigned32(String v) {
        if (v == null || v.isEmpty() || v.startsWith("-") || v.startsWith("+")) {
            return null;
        }
        try {
            long n;
            if (v.startsWith("0x") || v.startsWith("0X")) {
                n = Long.parseLong(v.substring(2), 16);
            } else if (v.length() > 1 && v.startsWith("0")) {
                n = Long.parseLong(v.substring(1), 8);
            } else {
                n = Long.parseLong(v);
            }
            return n > 0xffffffffL ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
