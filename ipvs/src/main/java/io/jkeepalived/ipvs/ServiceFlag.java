package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.NetlinkFormatException;

import java.util.EnumSet;
import java.util.Set;

/**
 * Virtual service flags, {@code IP_VS_SVC_F_*} of ip_vs.h, carried in {@code struct ip_vs_flags}. The scheduler
 * flags mean what the scheduler makes of them: for sh, SCHED1 is sh-fallback and SCHED2 sh-port
 * ({@code IP_VS_SVC_F_SCHED_SH_*}); mh reads the same two bits as mh-fallback and mh-port (keepalived's
 * check_data.h and ipvsadm name them so). The kernel always sets HASHED on a service it holds.
 */
public enum ServiceFlag {
    PERSISTENT(0x0001),
    HASHED(0x0002),
    ONE_PACKET(0x0004),
    SCHED1(0x0008),
    SCHED2(0x0010),
    SCHED3(0x0020);

    public static final ServiceFlag SH_FALLBACK = SCHED1;
    public static final ServiceFlag SH_PORT = SCHED2;
    public static final ServiceFlag MH_FALLBACK = SCHED1;
    public static final ServiceFlag MH_PORT = SCHED2;

    private final int bit;

    ServiceFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public static int toBits(Set<ServiceFlag> flags) {
        int bits = 0;
        for (ServiceFlag f : flags) {
            bits |= f.bit;
        }
        return bits;
    }

    /** The flags of {@code bits}; a bit this enum does not know is an error rather than silently dropped. */
    public static Set<ServiceFlag> fromBits(int bits) throws NetlinkFormatException {
        EnumSet<ServiceFlag> out = EnumSet.noneOf(ServiceFlag.class);
        int rest = bits;
        for (ServiceFlag f : values()) {
            if ((bits & f.bit) != 0) {
                out.add(f);
                rest &= ~f.bit;
            }
        }
        if (rest != 0) {
            throw new NetlinkFormatException("unknown IPVS service flag bits 0x" + Integer.toHexString(rest));
        }
        return out;
    }
}
