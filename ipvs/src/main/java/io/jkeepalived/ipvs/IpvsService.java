package io.jkeepalived.ipvs;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual service as added with IPVS_CMD_NEW_SERVICE or dumped by IPVS_CMD_GET_SERVICE.
 *
 * @param key        protocol + address + port, or fwmark
 * @param scheduler  scheduler name, e.g. {@code rr}, {@code wlc}, {@code sh} (1..15 bytes, ip_vs.h SCHEDNAME_MAXLEN)
 * @param flags      service flags; PERSISTENT with a timeout makes a persistent service
 * @param timeout    persistence timeout in seconds (keepalived {@code persistence_timeout})
 * @param netmask    persistence granularity as a prefix length: 0..32 for IPv4 (sent as a network-order mask),
 *                   1..128 for IPv6 (sent as the number); 32 / 128 is a single client address
 * @param peName     persistence engine ({@code sip}), or null
 * @param stats      counters, only in dumps (null in requests)
 */
public record IpvsService(IpvsServiceKey key, String scheduler, Set<ServiceFlag> flags, int timeout, int netmask,
                          String peName, IpvsStats stats) {
    /** IP_VS_SCHEDNAME_MAXLEN / IP_VS_PENAME_MAXLEN, including the NUL. */
    public static final int NAME_MAXLEN = 16;

    public IpvsService {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheduler, "scheduler");
        checkName("scheduler", scheduler, false);
        checkName("persistence engine", peName, true);
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        int max = key.family() == AddressFamily.INET ? 32 : 128;
        if (netmask < 0 || netmask > max) {
            throw new IllegalArgumentException("netmask /" + netmask + " out of range for " + key.family().label());
        }
    }

    private static void checkName(String what, String name, boolean nullable) {
        if (name == null) {
            if (!nullable) {
                throw new IllegalArgumentException(what + " missing");
            }
            return;
        }
        int n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (n == 0 || n >= NAME_MAXLEN || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " name must be 1.." + (NAME_MAXLEN - 1) + " bytes: '" + name + "'");
        }
    }

    /** A non-persistent service with the full-address netmask and no persistence engine. */
    public static IpvsService of(IpvsServiceKey key, String scheduler) {
        return new IpvsService(key, scheduler, Set.of(), 0, key.family() == AddressFamily.INET ? 32 : 128, null, null);
    }

    public IpvsService withFlags(Set<ServiceFlag> newFlags) {
        return new IpvsService(key, scheduler, newFlags, timeout, netmask, peName, stats);
    }

    public IpvsService withScheduler(String newScheduler) {
        return new IpvsService(key, newScheduler, flags, timeout, netmask, peName, stats);
    }

    /** Persistent for {@code seconds} with clients grouped by {@code prefixLength}; sets PERSISTENT. */
    public IpvsService withPersistence(int seconds, int prefixLength) {
        EnumSet<ServiceFlag> f = flags.isEmpty() ? EnumSet.noneOf(ServiceFlag.class) : EnumSet.copyOf(flags);
        f.add(ServiceFlag.PERSISTENT);
        return new IpvsService(key, scheduler, f, seconds, prefixLength, peName, stats);
    }

    public IpvsService withPeName(String newPeName) {
        return new IpvsService(key, scheduler, flags, timeout, netmask, newPeName, stats);
    }

    public IpvsService withStats(IpvsStats newStats) {
        return new IpvsService(key, scheduler, flags, timeout, netmask, peName, newStats);
    }

    public boolean isPersistent() {
        return flags.contains(ServiceFlag.PERSISTENT);
    }
}
