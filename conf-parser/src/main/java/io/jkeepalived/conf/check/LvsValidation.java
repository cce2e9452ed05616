package io.jkeepalived.conf.check;

import io.jkeepalived.conf.net.InetText;
import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.ParseContext;
import io.jkeepalived.conf.parser.Words;

import java.util.ArrayList;
import java.util.List;

/**
 * keepalived's checks of virtual servers: the ones made as a real or virtual server block closes
 * ({@code rs_end_handler}, {@code vs_end_handler}), the virtual_server_group entries
 * ({@code alloc_vsg_entry}) and the end-of-reading ones ({@code link_vsg_to_vs},
 * {@code validate_check_config}). Same conditions, same messages, same order.
 */
final class LvsValidation {
    private static final long UINT_MAX = 0xffffffffL;
    private static final long PERSISTENT_DEFAULT = 6 * 60L;

    private LvsValidation() {
    }

    /** A real server that is not tunnelled must have the virtual server's family, which the first one fixes. */
    static void realServerEnd(ParseContext ctx, LvsState.Vs vs, LvsState.Server rs) {
        if ("TUN".equals(rs.fwd) || rs.removed) {
            return;
        }
        if (vs.af == 0) {
            vs.af = rs.addr.family();
        } else if (vs.af != rs.addr.family()) {
            ctx.error(ConfigError.GENERAL_ERROR, "Address family of virtual server and real server %s don't match - skipping real server.",
                    rs.addr.text());
            rs.removed = true;
        }
    }

    static void virtualServerEnd(ParseContext ctx, LvsState.Vs vs) {
        if (vs.sorry != null && !"TUN".equals(vs.sorry.fwd)) {
            if (vs.af == 0) {
                vs.af = vs.sorry.addr.family();
            } else if (vs.af != vs.sorry.addr.family()) {
                ctx.error(ConfigError.GENERAL_ERROR, "Address family of virtual server and sorry server %s don't match - skipping sorry server.",
                        vs.sorry.addr.text());
                vs.sorry = null;
            }
        }
        if (vs.af == 0 && vs.group == null && !vs.kind.equals("group")) {
            // only tunnelled servers: their family if they all agree, else IPv4
            boolean mixed = false;
            if (vs.sorry != null) {
                vs.af = vs.sorry.addr.family();
            }
            for (LvsState.Server rs : kept(vs)) {
                if (vs.af == 0) {
                    vs.af = rs.addr.family();
                } else if (vs.af != rs.addr.family()) {
                    mixed = true;
                    break;
                }
            }
            if (mixed || vs.af == 0) {
                vs.af = 4;
            }
        }
    }

    /** One line of a virtual_server_group: {@code ADDR[-END|/MASK] [PORT]} or {@code fwmark N [inet|inet6]}. */
    static void groupEntry(ParseContext ctx, LvsState.Group g, Words w) {
        String addr = w.word(0);
        if (addr.equals("fwmark")) {
            String mark = w.word(1);
            var n = ctx.values().readUnsigned(mark, 0, UINT_MAX, true);
            if (!n.ok()) {
                ctx.error(ConfigError.GENERAL_ERROR, "(%s): fwmark '%s' must be in [0, %d] - ignoring", g.name, mark, UINT_MAX);
                return;
            }
            if (w.size() > 2) {
                String family = w.word(2);
                if (family.equals("inet")) {
                    g.have4 = true;
                } else if (family.equals("inet6")) {
                    g.have6 = true;
                } else {
                    ctx.error(ConfigError.GENERAL_ERROR, "(%s): fwmark '%d' family %s unknown - ignoring", g.name, n.value(), family);
                    return;
                }
            } else {
                g.fwmarkNoFamily = true;
            }
            g.fwmarks.add(n.value());
            return;
        }
        String port = w.size() >= 2 ? CheckKeywords.nonZero(w.word(1)) : null;
        if (!CheckKeywords.socketAddress(ctx, addr, port)) {
            ctx.error(ConfigError.GENERAL_ERROR, "Invalid virtual server group IP address %s %s%s%s - skipping", addr,
                    port != null ? "/port" : "", port != null ? "/" : "", port != null ? port : "");
            return;
        }
        LvsState.Address start = LvsState.Address.of(addr, port);
        boolean v4 = start.family() == 4;
        int slash = addr.indexOf('/');
        if (slash >= 0) {
            if (!maskOk(ctx, addr, addr.substring(slash + 1), start.bytes())) {
                return;
            }
        } else {
            int dash = addr.indexOf('-');
            String end = dash < 0 ? null : addr.substring(dash + 1);
            if (end != null && (v4 ? end.indexOf('.') >= 0 : end.indexOf(':') >= 0)) {
                byte[] e = InetText.parse(end);
                if (e == null) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Invalid range end %s - skipping", addr);
                    return;
                }
                if (e.length != start.bytes().length) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Range address families do not match %s - skipping", addr);
                    return;
                }
                if (java.util.Arrays.compareUnsigned(start.bytes(), e) > 0) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Address range end is less than address range start - %s - skipping", addr);
                    return;
                }
            } else if (end != null) {
                if (!shortRange(ctx, addr, end, start.bytes())) {
                    return;
                }
            }
        }
        g.ranges.add(start);
        g.rangeTexts.add(rangeText(addr, start));
        if (v4) {
            g.have4 = true;
        } else {
            g.have6 = true;
        }
    }

    /** keepalived's inet_stor(): the last byte (IPv4, decimal) or last group (IPv6, hex) of the range's end. */
    private static boolean shortRange(ParseContext ctx, String addr, String end, byte[] start) {
        boolean v6 = start.length == 16;
        int i = 0;
        long range = 0;
        while (i < end.length() && Character.digit(end.charAt(i), v6 ? 16 : 10) >= 0 && range <= 0xffffffffL) {
            range = range * (v6 ? 16 : 10) + Character.digit(end.charAt(i), v6 ? 16 : 10);
            i++;
        }
        if (i < end.length()) {
            // under -t the entry is dropped; otherwise keepalived warns and goes on with the number read so far
            ctx.error(ConfigError.INVALID_NUMBER, "%sVirtual server group range '%s' has extra characters at end '%s'",
                    ctx.configTest() ? "" : "WARNING - ", addr, end.substring(i));
            if (ctx.configTest()) {
                return false;
            }
        } else if (range > (v6 ? 0xffff : 255)) {
            ctx.error(ConfigError.INVALID_NUMBER, "Virtual server group range '%s' end '%s' too large", addr, end);
            return false;
        }
        long first = v6 ? ((start[14] & 0xff) << 8) | (start[15] & 0xff) : start[3] & 0xff;
        if (first >= range) {
            ctx.error(ConfigError.GENERAL_ERROR, "Address range end is not greater than address range start - %s - skipping", addr);
            return false;
        }
        return true;
    }

    /** A /mask entry: a prefix length of the family with no host bits set in the address. */
    private static boolean maskOk(ParseContext ctx, String addr, String mask, byte[] start) {
        int bits = start.length * 8;
        int m;
        try {
            m = mask.isEmpty() || !mask.chars().allMatch(Character::isDigit) ? -1 : Integer.parseInt(mask);
        } catch (NumberFormatException e) {
            m = -1;
        }
        if (m <= 0 || m > bits) {
            ctx.error(ConfigError.GENERAL_ERROR, "Invalid netmask - %s - skipping", addr);
            return false;
        }
        for (int bit = m; bit < bits; bit++) {
            if ((start[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "Address mask bits not empty - %s - skipping", addr);
                return false;
            }
        }
        return true;
    }

    /** keepalived's format_vsge(): {@code a,port} or {@code a-b,port}. */
    private static String rangeText(String addr, LvsState.Address start) {
        int dash = addr.indexOf('-');
        if (dash < 0 || addr.indexOf('/') >= 0) {
            return start.text() + "," + start.port();
        }
        String end = addr.substring(dash + 1);
        byte[] e;
        if (start.family() == 4 ? end.indexOf('.') >= 0 : end.indexOf(':') >= 0) {
            e = InetText.parse(end);
        } else {
            e = start.bytes().clone();
            try {
                int r = Integer.parseInt(end.replaceAll("[^0-9a-fA-F].*$", ""), start.family() == 4 ? 10 : 16);
                if (start.family() == 4) {
                    e[3] = (byte) r;
                } else {
                    e[14] = (byte) (r >> 8);
                    e[15] = (byte) r;
                }
            } catch (NumberFormatException ex) {
                e = start.bytes();
            }
        }
        if (e == null || java.util.Arrays.equals(e, start.bytes())) {
            return start.text() + "," + start.port();
        }
        return start.text() + "-" + io.jkeepalived.conf.net.InetText.ntop(e) + "," + start.port();
    }

    static List<LvsState.Server> kept(LvsState.Vs vs) {
        List<LvsState.Server> out = new ArrayList<>();
        for (LvsState.Server rs : vs.reals) {
            if (!rs.removed) {
                out.add(rs);
            }
        }
        return out;
    }

    /** keepalived's FMT_VS. */
    static String name(LvsState.Vs vs) {
        if (vs.kind.equals("group")) {
            return "[" + vs.group + "]:" + vs.groupIndex;
        }
        if (vs.kind.equals("fwmark")) {
            return "FWM " + vs.fwmark;
        }
        return vs.addr.trio(vs.protocol);
    }

    /** link_vsg_to_vs and validate_check_config; returns the virtual servers kept. */
    static List<LvsState.Vs> validate(ParseContext ctx, List<LvsState.Vs> all, List<LvsState.Group> groups) {
        List<LvsState.Vs> linked = new ArrayList<>();
        for (LvsState.Vs vs : all) {
            if (vs.kind.equals("group")) {
                vs.vsg = groups.stream().filter(g -> g.name.equals(vs.group)).findFirst().orElse(null);
                if (vs.vsg == null) {
                    // keepalived logs this (not a configuration error) and drops the virtual server
                    continue;
                }
                LvsState.Group g = vs.vsg;
                int gaf = g.have4 == g.have6 ? 0 : g.have4 ? 4 : 6;
                if (g.have4 && g.have6 && vs.af != 0) {
                    continue;
                } else if ((g.have4 && vs.af == 6) || (g.have6 && vs.af == 4)) {
                    continue;
                } else if (gaf != 0) {
                    if (vs.af == 0) {
                        vs.af = gaf;
                    } else if (gaf != vs.af) {
                        continue;
                    }
                }
            }
            linked.add(vs);
        }
        for (LvsState.Group g : groups) {
            int no = 0;
            for (LvsState.Vs vs : linked) {
                if (vs.vsg == g) {
                    vs.groupIndex = no++;
                }
            }
        }
        List<LvsState.Vs> out = new ArrayList<>();
        for (LvsState.Vs vs : linked) {
            if (one(ctx, vs)) {
                out.add(vs);
            }
        }
        return out;
    }

    private static boolean one(ParseContext ctx, LvsState.Vs vs) {
        LvsState.Group g = vs.vsg;
        boolean fwmark = vs.kind.equals("fwmark");
        if (kept(vs).isEmpty()) {
            ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s has no real servers - ignoring", name(vs));
            return false;
        }
        if (vs.haSuspend && (fwmark || (g != null && !g.fwmarks.isEmpty()))) {
            ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: cannot use ha_suspend with fwmarks - clearing ha_suspend", name(vs));
            vs.haSuspend = false;
        }
        if ((g != null && !g.ranges.isEmpty()) || (g == null && !fwmark)) {
            if (vs.protocol == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: no protocol set - defaulting to UDP", name(vs));
                vs.protocol = "UDP";
            }
            if (vs.ops && !vs.protocol.equals("UDP")) {
                ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: one packet scheduling requires UDP - resetting", name(vs));
                vs.ops = false;
            }
            if (vs.persistence == 0 && g == null && !fwmark && vs.addr.port() == 0) {
                ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: zero port only valid for persistent services - setting", name(vs));
                vs.persistence = PERSISTENT_DEFAULT;
            }
        }
        if (vs.persistence == 0 && g != null) {
            for (LvsState.Address a : g.ranges) {
                if (a.port() == 0) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: zero port only valid for persistent services - setting", name(vs));
                    vs.persistence = PERSISTENT_DEFAULT;
                    break;
                }
            }
        }
        if (vs.protocol != null && ((g != null && g.ranges.isEmpty() && !g.fwmarks.isEmpty()) || (g == null && fwmark))) {
            ctx.error(ConfigError.GENERAL_ERROR, "Warning: Virtual server %s: protocol specified for fwmark - protocol will be ignored", name(vs));
            vs.protocol = null;
        }
        if (vs.sched == null) {
            ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: no scheduler set, setting default '%s'", name(vs), "wlc");
            vs.sched = "wlc";
        }
        long weightSum = 0;
        List<LvsState.Server> seen = new ArrayList<>();
        for (LvsState.Server rs : kept(vs)) {
            if (seen.stream().anyMatch(o -> o.addr.sameAs(rs.addr))) {
                ctx.error(ConfigError.GENERAL_ERROR, "VS %s: real server %s is duplicated - removing second rs", name(vs), rs.addr.trio(vs.protocol));
                rs.removed = true;
                continue;
            }
            seen.add(rs);
            if (rs.fwd == null) {
                if (vs.fwd == null) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: no forwarding method set, setting default NAT", name(vs));
                    vs.fwd = "NAT";
                }
                rs.fwd = vs.fwd;
            }
            if (rs.inhibit == null) {
                rs.inhibit = vs.inhibit;
            }
            if (rs.weight == null) {
                rs.weight = vs.weight;
            }
            weightSum += rs.weight;
            if (vs.sorry != null && vs.sorry.addr.sameAs(rs.addr)) {
                boolean sorryInhibit = Boolean.TRUE.equals(vs.sorry.inhibit);
                if (sorryInhibit != rs.inhibit) {
                    ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: real server %s matches sorry server, but inhibit setting differs, %sing on sorry server",
                            name(vs), rs.addr.trio(vs.protocol), rs.inhibit ? "sett" : "clear");
                    vs.sorry.inhibit = rs.inhibit;
                }
            }
        }
        if (vs.sorry != null && vs.sorry.fwd == null) {
            if (vs.fwd == null) {
                ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: no forwarding method set, setting default NAT", name(vs));
                vs.fwd = "NAT";
            }
            vs.sorry.fwd = vs.fwd;
        }
        // keepalived sums into an unsigned int
        weightSum &= UINT_MAX;
        if (vs.quorum > weightSum) {
            ctx.error(ConfigError.GENERAL_ERROR, "Warning - quorum %d for %s exceeds total weight of real servers %d, reducing quorum to %d",
                    vs.quorum, name(vs), weightSum, weightSum);
            vs.quorum = weightSum;
        }
        if (vs.hysteresis >= vs.quorum) {
            long h = (vs.quorum - 1) & UINT_MAX;
            ctx.error(ConfigError.GENERAL_ERROR, "Virtual server %s: hysteresis %d >= quorum %d; setting hysteresis to %d",
                    name(vs), vs.hysteresis, vs.quorum, h);
            vs.hysteresis = h;
        }
        ports(ctx, vs);
        return true;
    }

    /** Unless NAT, real (and sorry) servers use the virtual server's port; with fwmarks, none. */
    private static void ports(ParseContext ctx, LvsState.Vs vs) {
        LvsState.Group g = vs.vsg;
        List<LvsState.Server> reals = kept(vs);
        LvsState.Server sorry = vs.sorry;
        if (g != null) {
            if (!g.fwmarks.isEmpty()) {
                for (LvsState.Server rs : reals) {
                    if (!"NAT".equals(rs.fwd) && rs.addr.port() != 0) {
                        ctx.error(ConfigError.GENERAL_ERROR, "WARNING - fwmark virtual server %s, real server %s has port specified - port will be ignored",
                                name(vs), rs.addr.trio(vs.protocol));
                    }
                }
                if (sorry != null && !"NAT".equals(sorry.fwd) && sorry.addr.port() != 0) {
                    ctx.error(ConfigError.GENERAL_ERROR, "WARNING - fwmark virtual server %s, sorry server has port specified - port will be ignored", name(vs));
                }
            }
            for (int i = 0; i < g.ranges.size(); i++) {
                LvsState.Address range = g.ranges.get(i);
                for (LvsState.Server rs : reals) {
                    if (!"NAT".equals(rs.fwd) && rs.addr.port() != 0 && range.port() != rs.addr.port()) {
                        ctx.error(ConfigError.GENERAL_ERROR, "virtual server %s:[%s] and real server %s ports don't match",
                                name(vs), g.rangeTexts.get(i), rs.addr.trio(vs.protocol));
                    }
                }
                if (sorry != null && !"NAT".equals(sorry.fwd) && sorry.addr.port() != 0 && range.port() != sorry.addr.port()) {
                    ctx.error(ConfigError.GENERAL_ERROR, "WARNING - virtual server %s, sorry server has port specified - port will be ignored", name(vs));
                }
            }
            return;
        }
        boolean fwmark = vs.kind.equals("fwmark");
        for (LvsState.Server rs : reals) {
            if ("NAT".equals(rs.fwd)) {
                if (!fwmark && rs.addr.port() == 0) {
                    rs.portSet = vs.addr.port();
                }
                continue;
            }
            if (fwmark) {
                if (rs.addr.port() != 0) {
                    ctx.error(ConfigError.GENERAL_ERROR, "WARNING - fwmark virtual server %s, real server %s has port specified - clearing",
                            name(vs), rs.addr.trio(vs.protocol));
                    rs.portSet = 0;
                }
            } else if (rs.addr.port() == 0) {
                rs.portSet = vs.addr.port();
            } else if (rs.addr.port() != vs.addr.port()) {
                ctx.error(ConfigError.GENERAL_ERROR, "WARNING - virtual server %s and real server %s ports don't match - resetting",
                        name(vs), rs.addr.trio(vs.protocol));
                rs.portSet = vs.addr.port();
            }
        }
        if (sorry != null && !"NAT".equals(sorry.fwd)) {
            if (fwmark) {
                if (sorry.addr.port() != 0) {
                    ctx.error(ConfigError.GENERAL_ERROR, "WARNING - virtual server %s, sorry server has port specified - clearing", name(vs));
                }
            } else if (sorry.addr.port() != 0 && sorry.addr.port() != vs.addr.port()) {
                ctx.error(ConfigError.GENERAL_ERROR, "WARNING - virtual server %s and sorry server ports don't match - resetting", name(vs));
            }
        }
    }
}
