package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.conf.model.CheckConfig;
import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.conf.model.check.VirtualServerGroup;
import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.conf.parser.Diagnostics;
import io.jkeepalived.conf.parser.Tokenizer;
import io.jkeepalived.conf.script.NotifyScript;
import io.jkeepalived.ipvs.AddressFamily;
import io.jkeepalived.ipvs.ForwardingMethod;
import io.jkeepalived.ipvs.IpvsProtocol;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;
import io.jkeepalived.ipvs.ServiceFlag;
import io.jkeepalived.ipvs.TunnelChecksum;
import io.jkeepalived.ipvs.TunnelType;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The virtual servers of a configuration as IPVS is to get them (keepalived's ipvs_set_srule, ipvs_set_drule and
 * ipvs_group_cmd): services with scheduler, flags and persistence, and real servers with forwarding, weight,
 * thresholds and tunnel. Pure.
 *
 * <p>The typed records carry what the checkers need; the IPVS-only keywords (scheduler flags,
 * {@code persistence_granularity}, {@code persistence_engine}, {@code sorry_server*}, {@code uthreshold}/{@code
 * lthreshold}, tunnel options, {@code quorum_up}/{@code quorum_down}, group entries) are read here from the recorded
 * lines, which the parser already checked and reported on: a value it refused is skipped quietly.
 */
public final class LvsPlanner {
    /** A group range wider than this is cut (keepalived would program it address by address too). */
    static final int MAX_RANGE = 65536;
    /** keepalived's IPVS_WEIGHT_MAX. */
    static final int WEIGHT_MAX = Integer.MAX_VALUE;
    private static final Set<String> CHECKERS = Set.of("TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "SMTP_CHECK",
            "DNS_CHECK", "UDP_CHECK", "PING_CHECK", "FILE_CHECK", "BFD_CHECK");

    private LvsPlanner() {
    }

    /** Plans every virtual server; one that cannot be planned is reported through {@code problems} and left out. */
    public static List<VirtualServerPlan> plan(CheckConfig config, Consumer<String> problems) {
        List<VirtualServerPlan> out = new ArrayList<>();
        for (VirtualServer vs : config.virtualServers()) {
            try {
                out.add(plan(vs, config.virtualServerGroups()));
            } catch (IllegalArgumentException e) {
                problems.accept("virtual_server " + String.join(" ", vs.address()) + ": " + e.getMessage() + " - ignoring");
            }
        }
        return out;
    }

    static VirtualServerPlan plan(VirtualServer vs, List<VirtualServerGroup> groups) {
        Setting src = vs.source();
        List<String> a = vs.address();
        String kind = a.get(0);
        boolean group = kind.equals("group");
        boolean fwmark = kind.equals("fwmark");
        String protocolText = vs.protocol() != null ? vs.protocol() : text(src, "protocol");
        IpvsProtocol protocol = IpvsProtocol.valueOf(protocolText == null ? "UDP" : protocolText.toUpperCase(Locale.ROOT));
        String protoLower = fwmark ? "none" : protocol.name().toLowerCase(Locale.ROOT);

        ForwardingMethod vsFwd = forwarding(vs.forwarding());
        Tunnel vsTunnel = tunnel(lastOf(src, "lvs_method", "lb_kind"));
        List<RealServerPlan> reals = new ArrayList<>();
        for (RealServer rs : vs.realServers()) {
            reals.add(realServer(vs, rs, vsTunnel, protoLower));
        }
        AddressFamily family = family(src, a, fwmark || group, reals);
        RealServerPlan sorry = sorry(vs, reals, vsFwd, vsTunnel, protoLower, fwmark);

        String scheduler = vs.scheduler() == null ? "wlc" : vs.scheduler();
        EnumSet<ServiceFlag> flags = flags(src, protocol, fwmark);
        int timeout = (int) Math.min(vs.persistenceTimeout(), Integer.MAX_VALUE);
        String pe = null;
        if (timeout > 0) {
            flags.add(ServiceFlag.PERSISTENT);
            pe = text(src, "persistence_engine");
            if (pe != null && pe.getBytes(StandardCharsets.UTF_8).length >= IpvsService.NAME_MAXLEN) {
                pe = new String(pe.getBytes(StandardCharsets.UTF_8), 0, IpvsService.NAME_MAXLEN - 1, StandardCharsets.UTF_8);
            }
        }
        String granularity = timeout > 0 ? text(src, "persistence_granularity") : null;

        List<IpvsService> services = new ArrayList<>();
        String name;
        String identity;
        InetAddress suspend = null;
        if (group) {
            name = "[" + a.get(1) + "]:0";
            identity = "group " + a.get(1) + " " + protocol;
            VirtualServerGroup g = groups.stream().filter(x -> x.name().equals(a.get(1))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no virtual_server_group " + a.get(1)));
            // keepalived's ipvs_group_cmd sends every group entry with the full netmask: granularity does not apply
            for (IpvsServiceKey key : groupKeys(g, protocol, family)) {
                services.add(new IpvsService(key, scheduler, flags, timeout, fullMask(key.family()), pe, null));
            }
        } else if (fwmark) {
            long mark = Long.parseLong(a.get(1));
            if (mark == 0 || mark > 0xffffffffL) {
                throw new IllegalArgumentException("fwmark " + mark + " selects no service");
            }
            IpvsServiceKey key = IpvsServiceKey.fwmark(family, (int) mark);
            name = "FWM " + mark;
            identity = "fwmark " + family + " " + mark;
            services.add(new IpvsService(key, scheduler, flags, timeout, netmask(granularity, family), pe, null));
        } else {
            InetAddress addr = address(a.get(0));
            int port = a.size() > 1 ? Integer.parseInt(a.get(1)) : 0;
            IpvsServiceKey key = IpvsServiceKey.of(protocol, addr, port);
            name = "[" + text(addr) + "]:" + protoLower + ":" + port;
            identity = protocol + " " + IpvsServiceKey.hostPort(addr, port);
            services.add(new IpvsService(key, scheduler, flags, timeout, netmask(granularity, key.family()), pe, null));
            suspend = vs.haSuspend() ? addr : null;
        }
        return new VirtualServerPlan(name, identity, vs, services, reals, sorry, vs.quorum(), vs.hysteresis(), vs.omega(),
                suspend, script(src.child("quorum_up")), script(src.child("quorum_down")));
    }

    private static RealServerPlan realServer(VirtualServer vs, RealServer rs, Tunnel vsTunnel, String proto) {
        Setting src = rs.source();
        InetAddress addr = address(rs.address());
        int port = rs.port() == null ? 0 : Integer.parseInt(rs.port().trim());
        Setting method = lastOf(src, "lvs_method", "lb_kind");
        Tunnel t = method != null ? tunnel(method) : vsTunnel;
        boolean alpha = false;
        if (!rs.checkers().isEmpty()) {
            Boolean rsAlpha = flag(src.child("alpha"));
            boolean dflt = rsAlpha != null ? rsAlpha : vs.alpha();
            for (Setting c : src.children()) {
                if (CHECKERS.contains(c.keyword())) {
                    Boolean own = flag(c.child("alpha"));
                    alpha |= own != null ? own : dflt;
                }
            }
        }
        return new RealServerPlan("[" + text(addr) + "]:" + proto + ":" + port, rs, addr, port, forwarding(rs.forwarding()),
                Math.max(0, rs.weight()), unsigned(src, "uthreshold"), unsigned(src, "lthreshold"), t.type, t.port, t.checksum,
                rs.inhibitOnFailure(), alpha, rs.notifyDown());
    }

    /** {@code sorry_server IP [PORT]} with its own method or the virtual server's, and {@code sorry_server_inhibit}. */
    private static RealServerPlan sorry(VirtualServer vs, List<RealServerPlan> reals, ForwardingMethod vsFwd, Tunnel vsTunnel,
                                        String proto, boolean fwmark) {
        Setting line = vs.source().child("sorry_server");
        if (line == null || line.args().isEmpty()) {
            return null;
        }
        byte[] b = InetText.parse(line.args().get(0));
        if (b == null) {
            return null;
        }
        InetAddress addr = address(line.args().get(0));
        int port = line.args().size() > 1 ? (int) parseOr(line.args().get(1), 0) : 0;
        Setting method = vs.source().child("sorry_server_lvs_method");
        ForwardingMethod fwd = method != null && !method.args().isEmpty() && forwardingWord(method.args().get(0)) != null
                ? forwardingWord(method.args().get(0)) : vsFwd;
        Tunnel t = method != null ? tunnel(method) : vsTunnel;
        if (!fwmark && port == 0 && vs.address().size() > 1 && !vs.address().get(0).equals("group")) {
            port = (int) parseOr(vs.address().get(1), 0);
        }
        boolean inhibit = vs.source().child("sorry_server_inhibit") != null;
        for (RealServerPlan rs : reals) {
            // a sorry server that is also a real server takes that one's inhibit_on_failure (check_data.c)
            if (rs.address().equals(addr) && rs.port() == port) {
                inhibit = rs.inhibit();
            }
        }
        return new RealServerPlan("[" + text(addr) + "]:" + proto + ":" + port, null, addr, port, fwd, 1, 0, 0,
                t.type, t.port, t.checksum, inhibit, false, null);
    }

    /** lbflags: the sh/mh flags only once sh or mh is the scheduler (as keepalived reads them in order), ops for UDP. */
    private static EnumSet<ServiceFlag> flags(Setting src, IpvsProtocol protocol, boolean fwmark) {
        EnumSet<ServiceFlag> flags = EnumSet.noneOf(ServiceFlag.class);
        String sched = null;
        for (Setting s : src.children()) {
            switch (s.keyword()) {
                case "lb_algo", "lvs_sched" -> sched = s.arg();
                case "flag-1" -> flags.add(ServiceFlag.SCHED1);
                case "flag-2" -> flags.add(ServiceFlag.SCHED2);
                case "flag-3" -> flags.add(ServiceFlag.SCHED3);
                case "sh-fallback", "mh-fallback" -> {
                    if ("sh".equals(sched) || "mh".equals(sched)) {
                        flags.add(ServiceFlag.SCHED1);
                    }
                }
                case "sh-port", "mh-port" -> {
                    if ("sh".equals(sched) || "mh".equals(sched)) {
                        flags.add(ServiceFlag.SCHED2);
                    }
                }
                case "ops" -> {
                    if (fwmark || protocol == IpvsProtocol.UDP) {
                        flags.add(ServiceFlag.ONE_PACKET);
                    }
                }
                default -> {
                }
            }
        }
        return flags;
    }

    /** The service family: ip_family, else the address, else the first real server not tunnelled, else IPv4. */
    private static AddressFamily family(Setting src, List<String> a, boolean noAddress, List<RealServerPlan> reals) {
        String f = text(src, "ip_family");
        if ("inet6".equals(f)) {
            return AddressFamily.INET6;
        }
        if ("inet".equals(f)) {
            return AddressFamily.INET;
        }
        if (!noAddress) {
            return AddressFamily.of(address(a.get(0)));
        }
        for (RealServerPlan rs : reals) {
            if (rs.forwarding() != ForwardingMethod.TUNNEL) {
                return AddressFamily.of(rs.address());
            }
        }
        return AddressFamily.INET;
    }

    /**
     * A group's services: each address of each range (ADDR-END, ADDR-LASTBYTE, ADDR/PREFIX) with its port, then each
     * fwmark with its family (else the virtual server's).
     */
    static List<IpvsServiceKey> groupKeys(VirtualServerGroup g, IpvsProtocol protocol, AddressFamily vsFamily) {
        List<IpvsServiceKey> ranges = new ArrayList<>();
        List<IpvsServiceKey> marks = new ArrayList<>();
        for (List<String> line : entries(g.source())) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.get(0).equals("fwmark")) {
                if (line.size() < 2) {
                    continue;
                }
                long mark = parseOr(line.get(1), -1);
                if (mark <= 0 || mark > 0xffffffffL) {
                    continue;
                }
                AddressFamily f = line.size() > 2 ? ("inet6".equals(line.get(2)) ? AddressFamily.INET6 : AddressFamily.INET) : vsFamily;
                marks.add(IpvsServiceKey.fwmark(f, (int) mark));
                continue;
            }
            int port = line.size() > 1 ? (int) parseOr(line.get(1), 0) : 0;
            byte[][] range = range(line.get(0));
            if (range == null) {
                continue;
            }
            BigInteger from = new BigInteger(1, range[0]);
            BigInteger to = new BigInteger(1, range[1]);
            for (int i = 0; from.compareTo(to) <= 0 && i < MAX_RANGE; i++, from = from.add(BigInteger.ONE)) {
                ranges.add(IpvsServiceKey.of(protocol, bytes(from, range[0].length), port));
            }
        }
        ranges.addAll(marks);
        return ranges;
    }

    /** The lines of a virtual_server_group: a value block, or (as some readers record them) child lines. */
    static List<List<String>> entries(Setting g) {
        if (!g.values().isEmpty()) {
            return g.values();
        }
        List<List<String>> out = new ArrayList<>();
        for (Setting s : g.children()) {
            List<String> line = new ArrayList<>();
            line.add(s.keyword());
            line.addAll(s.args());
            out.add(line);
        }
        return out;
    }

    /** {start, end} of {@code A}, {@code A-B} (B an address or the last byte/group), {@code A/N}; null if unreadable. */
    static byte[][] range(String text) {
        int dash = text.indexOf('-');
        int slash = text.indexOf('/');
        int cut = dash >= 0 ? dash : slash;
        byte[] start = InetText.parse(cut >= 0 ? text.substring(0, cut) : text);
        if (start == null) {
            return null;
        }
        byte[] end = start.clone();
        if (slash >= 0 && dash < 0) {
            int prefix = (int) parseOr(text.substring(slash + 1), -1);
            if (prefix <= 0 || prefix > start.length * 8) {
                return null;
            }
            for (int bit = prefix; bit < start.length * 8; bit++) {
                end[bit / 8] |= (byte) (0x80 >> (bit % 8));
            }
        } else if (dash >= 0) {
            String e = text.substring(dash + 1);
            byte[] full = InetText.parse(e);
            if (full != null && full.length == start.length && (start.length == 4 ? e.contains(".") : e.contains(":"))) {
                end = full;
            } else {
                String digits = e.replaceAll("[^0-9a-fA-F].*$", "");
                long last = digits.isEmpty() ? -1 : parseOr(digits, start.length == 4 ? 10 : 16, -1);
                if (last < 0 || last > (start.length == 4 ? 0xff : 0xffff)) {
                    return null;
                }
                if (start.length == 4) {
                    end[3] = (byte) last;
                } else {
                    end[14] = (byte) (last >> 8);
                    end[15] = (byte) last;
                }
            }
        }
        return java.util.Arrays.compareUnsigned(start, end) > 0 ? null : new byte[][] {start, end};
    }

    private static InetAddress bytes(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int n = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - n, out, length - n, n);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * The persistence netmask as a prefix length: IPv4 {@code persistence_granularity} is a dotted mask
     * (contiguous, else the full mask), IPv6 a prefix length; none is a single client address.
     */
    static int netmask(String granularity, AddressFamily family) {
        int full = fullMask(family);
        if (granularity == null) {
            return full;
        }
        if (family == AddressFamily.INET6 || granularity.indexOf('.') < 0) {
            long n = parseOr(granularity, -1);
            if (family == AddressFamily.INET6) {
                return n >= 1 && n <= 128 ? (int) n : full;
            }
        }
        byte[] m = InetText.parse4(granularity);
        if (m == null) {
            return full;
        }
        int bits = ((m[0] & 0xff) << 24) | ((m[1] & 0xff) << 16) | ((m[2] & 0xff) << 8) | (m[3] & 0xff);
        int prefix = Integer.bitCount(bits);
        return bits == (prefix == 0 ? 0 : -1 << (32 - prefix)) ? prefix : full;
    }

    private static int fullMask(AddressFamily f) {
        return f == AddressFamily.INET ? 32 : 128;
    }

    private record Tunnel(TunnelType type, int port, TunnelChecksum checksum) {
    }

    private static final Tunnel IPIP = new Tunnel(TunnelType.IPIP, 0, TunnelChecksum.NOCSUM);

    /** {@code lvs_method TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum]}; the parser refused bad ones. */
    private static Tunnel tunnel(Setting method) {
        if (method == null) {
            return IPIP;
        }
        List<String> w = method.args();
        TunnelType type = TunnelType.IPIP;
        int port = 0;
        TunnelChecksum csum = TunnelChecksum.NOCSUM;
        for (int i = 1; i < w.size(); i++) {
            switch (w.get(i)) {
                case "type" -> {
                    if (i + 1 < w.size()) {
                        String t = w.get(++i);
                        type = t.equals("gue") ? TunnelType.GUE : t.equals("gre") ? TunnelType.GRE : TunnelType.IPIP;
                    }
                }
                case "port" -> {
                    if (i + 1 < w.size()) {
                        port = (int) parseOr(w.get(++i), 0);
                    }
                }
                case "csum" -> csum = TunnelChecksum.CSUM;
                case "remcsum" -> csum = TunnelChecksum.REMCSUM;
                case "nocsum" -> csum = TunnelChecksum.NOCSUM;
                default -> {
                    return IPIP;
                }
            }
        }
        if (type == TunnelType.GUE ? port == 0 : port != 0) {
            return IPIP;
        }
        return new Tunnel(type, port, csum);
    }

    static ForwardingMethod forwarding(io.jkeepalived.conf.model.check.ForwardingMethod m) {
        if (m == null) {
            return ForwardingMethod.MASQ;
        }
        return switch (m) {
            case NAT -> ForwardingMethod.MASQ;
            case DR -> ForwardingMethod.DIRECT_ROUTE;
            case TUN -> ForwardingMethod.TUNNEL;
        };
    }

    private static ForwardingMethod forwardingWord(String w) {
        io.jkeepalived.conf.model.check.ForwardingMethod m = io.jkeepalived.conf.model.check.ForwardingMethod.of(w);
        return m == null ? null : forwarding(m);
    }

    private static Setting lastOf(Setting block, String... keywords) {
        Setting found = null;
        for (Setting s : block.children()) {
            for (String k : keywords) {
                if (s.keyword().equals(k)) {
                    found = s;
                }
            }
        }
        return found;
    }

    private static String text(Setting block, String keyword) {
        Setting s = lastOf(block, keyword);
        return s == null ? null : s.arg();
    }

    /** An optional true/false argument: none is true; null when the keyword is absent or the word unreadable. */
    private static Boolean flag(Setting s) {
        if (s == null) {
            return null;
        }
        String w = s.arg();
        if (w == null) {
            return true;
        }
        return switch (w.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> null;
        };
    }

    private static long unsigned(Setting block, String keyword) {
        String t = text(block, keyword);
        long v = t == null ? 0 : parseOr(t, 0);
        return v < 0 || v > 0xffffffffL ? 0 : v;
    }

    static long parseOr(String s, long dflt) {
        return parseOr(s, 10, dflt);
    }

    private static long parseOr(String s, int radix, long dflt) {
        try {
            return Long.parseLong(s.trim(), radix);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    static InetAddress address(String text) {
        int cut = text.indexOf('-');
        if (cut < 0) {
            cut = text.indexOf('/');
        }
        byte[] b = InetText.parse(cut >= 0 ? text.substring(0, cut) : text);
        if (b == null) {
            throw new IllegalArgumentException("not an address: " + text);
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String text(InetAddress a) {
        String h = IpvsServiceKey.hostPort(a, 0);
        return h.startsWith("[") ? h.substring(1, h.lastIndexOf(']')) : h.substring(0, h.lastIndexOf(':'));
    }

    private static NotifyScript script(Setting line) {
        if (line == null || line.args().isEmpty()) {
            return null;
        }
        List<String> args = Tokenizer.quotedEscaped(line.args().get(0), new Diagnostics());
        return args == null || args.isEmpty() ? null : new NotifyScript(args, null, null);
    }
}
