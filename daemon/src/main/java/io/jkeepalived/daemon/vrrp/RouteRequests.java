package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.conf.model.vrrp.Route;
import io.jkeepalived.conf.model.vrrp.Rule;
import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.netlink.rtnl.IpRoute;
import io.jkeepalived.netlink.rtnl.IpRule;
import io.jkeepalived.netlink.rtnl.Rtnetlink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Turns the typed {@code static_routes} / {@code virtual_routes} / {@code static_rules} / {@code virtual_rules}
 * lines into rtnetlink requests, as keepalived's vrrp_iproute.c / vrrp_iprule.c fill theirs: protocol
 * {@code keepalived} (18) unless written, universe scope unless written, the table by name or number. Pure: the
 * interface indexes and the table names come in. A line that cannot be sent is an {@link IllegalArgumentException}
 * naming it.
 */
final class RouteRequests {
    /** iproute2's built-in table names, used when /etc/iproute2/rt_tables does not name them. */
    private static final Map<String, Long> BUILTIN_TABLES = Map.of("unspec", 0L, "default", 253L, "main", 254L, "local", 255L);
    /** keepalived numbers rules without a preference from here down, per family (vrrp_iprule.c). */
    static final long RULE_START_PRIORITY = 16384;

    private final ToIntFunction<String> interfaceIndex;
    private final Map<String, Long> tables;

    /**
     * @param interfaceIndex the index of an interface by name, 0 when there is none
     * @param tables         table names (from rt_tables) beyond the built-in ones
     */
    RouteRequests(ToIntFunction<String> interfaceIndex, Map<String, Long> tables) {
        this.interfaceIndex = interfaceIndex;
        this.tables = new HashMap<>(BUILTIN_TABLES);
        this.tables.putAll(tables);
    }

    /** The table names of /etc/iproute2/rt_tables (and the /usr/share copy), as iproute2 reads them; empty if none. */
    static Map<String, Long> readTableNames() {
        Map<String, Long> out = new HashMap<>();
        for (String file : List.of("/usr/share/iproute2/rt_tables", "/etc/iproute2/rt_tables")) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    String[] w = line.strip().split("\\s+");
                    if (w.length >= 2 && !w[0].startsWith("#")) {
                        try {
                            out.put(w[1], Long.parseLong(w[0]));
                        } catch (NumberFormatException ignored) {
                            // iproute2 skips such lines too
                        }
                    }
                }
            } catch (IOException | RuntimeException missing) {
                // no such file: only the built-in names
            }
        }
        return out;
    }

    /** The route to add (or, with {@code delete}, to delete: scope NOWHERE unless written, as keepalived). */
    IpRoute route(Route r, boolean delete) {
        String line = String.join(" ", r.words());
        InetAddress dst = null;
        int dstLen = 0;
        Boolean v6 = null;
        if (!isAny(r.destination())) {
            Prefix p = prefix(r.destination(), line);
            dst = p.address;
            dstLen = p.length;
            v6 = p.ipv6();
        }
        InetAddress gw = r.via() == null ? null : address(r.via(), line);
        InetAddress src = r.src() == null ? null : address(r.src(), line);
        Prefix from = r.from() == null || isAny(r.from()) ? null : prefix(r.from(), line);
        if (v6 == null) {
            v6 = gw != null ? gw instanceof java.net.Inet6Address
                    : src != null ? src instanceof java.net.Inet6Address
                    : r.words().contains("inet6");
        }
        int family = v6 ? Rtnetlink.AF_INET6 : Rtnetlink.AF_INET;
        if (dst == null && v6) {
            // "default" of IPv6: ::/0, sent without RTA_DST as iproute2 does
            dstLen = 0;
        }
        int oif = r.dev() == null ? 0 : index(r.dev(), line);
        List<IpRoute.Nexthop> hops = new ArrayList<>();
        for (Route.Nexthop n : r.nexthops()) {
            hops.add(new IpRoute.Nexthop(n.via() == null ? null : address(n.via(), line),
                    n.dev() == null ? 0 : index(n.dev(), line), n.weight(), n.onlink() ? IpRoute.RTNH_F_ONLINK : 0));
        }
        boolean scopeWritten = r.words().contains("scope");
        int scope = delete && !scopeWritten ? Rtnetlink.RT_SCOPE_NOWHERE : scope(r.scope(), line);
        int protocol = r.protocol() == null || r.protocol().equals("keepalived") ? IpRoute.RTPROT_KEEPALIVED
                : protocol(r.protocol(), line);
        try {
            return new IpRoute(family, type(r.type(), line), table(r.table(), line), protocol, scope,
                    r.onlink() ? IpRoute.RTNH_F_ONLINK : 0, dst, dstLen, from == null ? null : from.address,
                    from == null ? 0 : from.length, src, gw, oif, r.metric(), hops);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("route '" + line + "': " + e.getMessage(), e);
        }
    }

    /**
     * The rule to send; {@code priority} is the preference keepalived assigned when the line has none (see
     * {@link #RULE_START_PRIORITY}).
     */
    IpRule rule(Rule r, long priority) {
        String line = String.join(" ", r.words());
        int family = r.ipv6() ? Rtnetlink.AF_INET6 : Rtnetlink.AF_INET;
        Prefix from = r.from() == null ? null : prefix(r.from(), line);
        Prefix to = r.to() == null ? null : prefix(r.to(), line);
        int action = switch (r.action()) {
            case "table" -> IpRule.FR_ACT_TO_TBL;
            case "goto" -> IpRule.FR_ACT_GOTO;
            case "nop" -> IpRule.FR_ACT_NOP;
            case "blackhole" -> IpRule.FR_ACT_BLACKHOLE;
            case "unreachable" -> IpRule.FR_ACT_UNREACHABLE;
            case "prohibit" -> IpRule.FR_ACT_PROHIBIT;
            default -> throw new IllegalArgumentException("rule '" + line + "': action " + r.action() + " is not supported");
        };
        long mark = -1;
        long mask = -1;
        if (r.fwmark() != null) {
            String[] m = r.fwmark().split("/", 2);
            mark = unsigned(m[0], line);
            mask = m.length > 1 ? unsigned(m[1], line) : -1;
        }
        try {
            return new IpRule(family, r.not(), from == null ? null : from.address, from == null ? 0 : from.length,
                    to == null ? null : to.address, to == null ? 0 : to.length, action,
                    r.table() == null ? 0 : table(r.table(), line), r.gotoTarget(),
                    r.preference() >= 0 ? r.preference() : priority, mark, mask, r.iif(), r.oif());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rule '" + line + "': " + e.getMessage(), e);
        }
    }

    private record Prefix(InetAddress address, int length) {
        boolean ipv6() {
            return address instanceof java.net.Inet6Address;
        }
    }

    private static boolean isAny(String s) {
        return s.equals("default") || s.equals("all") || s.equals("any");
    }

    private static Prefix prefix(String text, String line) {
        int slash = text.indexOf('/');
        InetAddress a = address(slash < 0 ? text : text.substring(0, slash), line);
        int max = a instanceof java.net.Inet6Address ? 128 : 32;
        int len = max;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + line + "': bad prefix length in " + text);
            }
        }
        if (len < 0 || len > max) {
            throw new IllegalArgumentException("'" + line + "': prefix length of " + text + " outside 0.." + max);
        }
        return new Prefix(a, len);
    }

    private static InetAddress address(String text, String line) {
        byte[] raw = InetText.parse(text);
        if (raw == null) {
            throw new IllegalArgumentException("'" + line + "': " + text + " is not an IP address");
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + line + "': " + text + " is not an IP address", e);
        }
    }

    private int index(String name, String line) {
        int i = interfaceIndex.applyAsInt(name);
        if (i <= 0) {
            throw new IllegalArgumentException("'" + line + "': interface " + name + " does not exist");
        }
        return i;
    }

    private long table(String text, String line) {
        Long named = tables.get(text);
        if (named != null) {
            return named;
        }
        long n = unsigned(text, line);
        if (n < 0) {
            throw new IllegalArgumentException("'" + line + "': unknown table " + text);
        }
        return n;
    }

    private static long unsigned(String text, String line) {
        try {
            long n = text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
            if (n < 0 || n > 0xffffffffL) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + line + "': " + text + " is not a number from 0 to 4294967295");
        }
    }

    /** iproute2's rt_scopes names. */
    static int scope(String s, String line) {
        return switch (s) {
            case "global", "universe" -> Rtnetlink.RT_SCOPE_UNIVERSE;
            case "site" -> Rtnetlink.RT_SCOPE_SITE;
            case "link" -> Rtnetlink.RT_SCOPE_LINK;
            case "host" -> Rtnetlink.RT_SCOPE_HOST;
            case "nowhere" -> Rtnetlink.RT_SCOPE_NOWHERE;
            default -> byteValue(s, "scope", line);
        };
    }

    /** iproute2's rt_protos names. */
    static int protocol(String s, String line) {
        return switch (s) {
            case "kernel" -> IpRoute.RTPROT_KERNEL;
            case "boot" -> IpRoute.RTPROT_BOOT;
            case "static" -> IpRoute.RTPROT_STATIC;
            case "keepalived" -> IpRoute.RTPROT_KEEPALIVED;
            default -> byteValue(s, "protocol", line);
        };
    }

    static int type(String s, String line) {
        return switch (s) {
            case "unicast" -> IpRoute.RTN_UNICAST;
            case "local" -> IpRoute.RTN_LOCAL;
            case "broadcast" -> IpRoute.RTN_BROADCAST;
            case "anycast" -> IpRoute.RTN_ANYCAST;
            case "multicast" -> IpRoute.RTN_MULTICAST;
            case "blackhole" -> IpRoute.RTN_BLACKHOLE;
            case "unreachable" -> IpRoute.RTN_UNREACHABLE;
            case "prohibit" -> IpRoute.RTN_PROHIBIT;
            case "throw" -> IpRoute.RTN_THROW;
            case "nat" -> IpRoute.RTN_NAT;
            case "xresolve" -> IpRoute.RTN_XRESOLVE;
            default -> throw new IllegalArgumentException("'" + line + "': unknown route type " + s);
        };
    }

    private static int byteValue(String s, String what, String line) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 0 && n <= 255) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("'" + line + "': unknown " + what + " " + s);
    }
}
