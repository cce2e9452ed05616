package io.jkeepalived.netlink.rtnl;

import java.net.InetAddress;

/**
 * A policy routing rule as RTM_NEWRULE / RTM_DELRULE carry it (keepalived's ip_rule_t, iproute2's {@code ip rule}).
 *
 * @param family      AF_INET or AF_INET6
 * @param invert      {@code not}: FIB_RULE_INVERT
 * @param source      FRA_SRC ({@code from}), or null for all
 * @param srcLength   the source prefix length
 * @param destination FRA_DST ({@code to}), or null for all
 * @param dstLength   the destination prefix length
 * @param action      FR_ACT_* ({@link #FR_ACT_TO_TBL}, {@link #FR_ACT_GOTO}, ...)
 * @param table       the table for FR_ACT_TO_TBL (FRA_TABLE when above 255), else 0
 * @param gotoTarget  FRA_GOTO for FR_ACT_GOTO, else -1
 * @param priority    FRA_PRIORITY ({@code preference}), -1 = none (the kernel picks)
 * @param fwmark      FRA_FWMARK, -1 = none
 * @param fwmask      FRA_FWMASK, -1 = none
 * @param iifName     FRA_IIFNAME, or null
 * @param oifName     FRA_OIFNAME, or null
 */
public record IpRule(int family, boolean invert, InetAddress source, int srcLength, InetAddress destination,
                     int dstLength, int action, long table, long gotoTarget, long priority, long fwmark, long fwmask,
                     String iifName, String oifName) {
    /** Actions of linux/fib_rules.h. */
    public static final int FR_ACT_UNSPEC = 0;
    public static final int FR_ACT_TO_TBL = 1;
    public static final int FR_ACT_GOTO = 2;
    public static final int FR_ACT_NOP = 3;
    public static final int FR_ACT_BLACKHOLE = 6;
    public static final int FR_ACT_UNREACHABLE = 7;
    public static final int FR_ACT_PROHIBIT = 8;
    /** fib_rule_hdr.flags: {@code not}. */
    public static final int FIB_RULE_INVERT = 0x2;

    public IpRule {
        if (family != Rtnetlink.AF_INET && family != Rtnetlink.AF_INET6) {
            throw new IllegalArgumentException("rule family must be AF_INET (2) or AF_INET6 (10), not " + family);
        }
        int max = family == Rtnetlink.AF_INET ? 32 : 128;
        if (srcLength < 0 || srcLength > max || dstLength < 0 || dstLength > max) {
            throw new IllegalArgumentException("prefix length outside 0.." + max);
        }
        if (action < 0 || action > 255) {
            throw new IllegalArgumentException("rule action " + action + " is not a byte");
        }
        for (long v : new long[] {table, gotoTarget, priority, fwmark, fwmask}) {
            if (v < -1 || v > 0xffffffffL) {
                throw new IllegalArgumentException("rule value " + v + " outside 0..2^32-1");
            }
        }
        if (table < 0) {
            throw new IllegalArgumentException("rule table must not be negative");
        }
        IpRoute.checkFamily(source, family);
        IpRoute.checkFamily(destination, family);
    }

    /** A rule with only a family and an action: add selectors with the with* methods. */
    public static IpRule of(int family, int action, long table) {
        return new IpRule(family, false, null, 0, null, 0, action, table, -1, -1, -1, -1, null, null);
    }

    public IpRule withPriority(long newPriority) {
        return new IpRule(family, invert, source, srcLength, destination, dstLength, action, table, gotoTarget,
                newPriority, fwmark, fwmask, iifName, oifName);
    }

    public IpRule from(InetAddress newSource, int length) {
        return new IpRule(family, invert, newSource, length, destination, dstLength, action, table, gotoTarget,
                priority, fwmark, fwmask, iifName, oifName);
    }

    public IpRule to(InetAddress newDestination, int length) {
        return new IpRule(family, invert, source, srcLength, newDestination, length, action, table, gotoTarget,
                priority, fwmark, fwmask, iifName, oifName);
    }
}
