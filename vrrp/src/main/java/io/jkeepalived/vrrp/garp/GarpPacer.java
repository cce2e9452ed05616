package io.jkeepalived.vrrp.garp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The spacing of gratuitous ARPs and unsolicited neighbour advertisements on an interface, as keepalived 2.2.7
 * paces them ({@code vrrp_garp_interval} / {@code vrrp_gna_interval}, {@code garp_group}). Pure: it reads time from
 * an injected clock and only says which announcements go out now; the edge sends them.
 *
 * <p>keepalived's behaviour, mirrored here (learnt from {@code vrrp_arp.c}, {@code vrrp_ndisc.c} and the delayed
 * ARP thread of {@code vrrp_scheduler.c}):
 * <ul>
 * <li>Each interface with a spacing has a "next allowed" time per family. A message for a VIP is sent at once if
 *     that time has been reached (or nothing was ever sent there); sending moves it to now + interval.</li>
 * <li>Otherwise the VIP is marked pending. The mark is one flag per VIP, not a counter: the other rounds of a
 *     {@code garp_master_repeat} burst that find it still pending add nothing, so with an interval a burst of 5 for
 *     one VIP puts 2 messages on the wire, the second one interval after the first.</li>
 * <li>One timer serves every interface. Queueing sets it to now + interval unless it is already due earlier; when
 *     it fires, the pending VIPs are walked in configuration order (instance, then VIP): each whose interface
 *     allows it is sent, the others keep waiting, and the timer is set to the earliest "next allowed" time among
 *     them.</li>
 * <li>A {@code garp_group} is one spacing shared by all of its interfaces (keepalived points them at the same
 *     delay record); the global intervals give each other interface its own.</li>
 * <li>Leaving master drops the instance's pending messages ({@code vrrp_remove_delayed_arp}).</li>
 * </ul>
 */
public final class GarpPacer {
    /** One message the edge wants to send: VIP number {@code vip} of instance number {@code instance}. */
    public record Announcement(int instance, int vip, String interfaceName, boolean ipv6)
            implements Comparable<Announcement> {
        public Announcement {
            Objects.requireNonNull(interfaceName, "interfaceName");
        }

        @Override
        public int compareTo(Announcement o) {
            int c = Integer.compare(instance, o.instance);
            return c != 0 ? c : Integer.compare(vip, o.vip);
        }
    }

    /** keepalived's garp_delay_t: the intervals and the next allowed times of one group of interfaces. */
    private static final class Spacing {
        final long garpIntervalNanos;
        final long gnaIntervalNanos;
        boolean garpSent;
        long garpNextAt;
        boolean gnaSent;
        long gnaNextAt;

        Spacing(long garpIntervalNanos, long gnaIntervalNanos) {
            this.garpIntervalNanos = garpIntervalNanos;
            this.gnaIntervalNanos = gnaIntervalNanos;
        }

        boolean spaced(boolean ipv6) {
            return (ipv6 ? gnaIntervalNanos : garpIntervalNanos) >= 0;
        }

        long interval(boolean ipv6) {
            return ipv6 ? gnaIntervalNanos : garpIntervalNanos;
        }

        boolean allows(boolean ipv6, long now) {
            boolean sent = ipv6 ? gnaSent : garpSent;
            long next = ipv6 ? gnaNextAt : garpNextAt;
            return !sent || now - next >= 0;
        }

        long nextAt(boolean ipv6) {
            return ipv6 ? gnaNextAt : garpNextAt;
        }

        void sent(boolean ipv6, long now) {
            if (ipv6) {
                gnaSent = true;
                gnaNextAt = now + gnaIntervalNanos;
            } else {
                garpSent = true;
                garpNextAt = now + garpIntervalNanos;
            }
        }
    }

    private final LongSupplier nanoClock;
    private final Map<String, Spacing> byInterface = new HashMap<>();
    private long defaultGarpNanos = -1;
    private long defaultGnaNanos = -1;
    private final TreeSet<Announcement> pending = new TreeSet<>();
    private boolean timerSet;
    private long timerAt;

    /** A pacer that spaces nothing until {@link #group} or {@link #defaults} say otherwise. */
    public GarpPacer(LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * A {@code garp_group}: its interfaces share one spacing. As keepalived ("garp_group already specified for
     * ..."), an interface already in a group stays in the first one.
     *
     * @param garpIntervalNanos {@code garp_interval}; negative = not set (ARPs on these interfaces are not spaced)
     * @param gnaIntervalNanos  {@code gna_interval}; negative = not set
     */
    public void group(List<String> interfaces, long garpIntervalNanos, long gnaIntervalNanos) {
        if (garpIntervalNanos < 0 && gnaIntervalNanos < 0) {
            return; // keepalived drops a group with neither interval
        }
        Spacing s = new Spacing(garpIntervalNanos, gnaIntervalNanos);
        for (String i : interfaces) {
            byInterface.putIfAbsent(i, s);
        }
    }

    /**
     * The global {@code vrrp_garp_interval} / {@code vrrp_gna_interval}: each interface outside every group gets
     * its own spacing with these values. Zero or negative = not set, as keepalived ignores a zero global value.
     */
    public void defaults(long garpIntervalNanos, long gnaIntervalNanos) {
        defaultGarpNanos = garpIntervalNanos > 0 ? garpIntervalNanos : -1;
        defaultGnaNanos = gnaIntervalNanos > 0 ? gnaIntervalNanos : -1;
    }

    private Spacing spacing(String interfaceName) {
        Spacing s = byInterface.get(interfaceName);
        if (s == null && (defaultGarpNanos >= 0 || defaultGnaNanos >= 0)) {
            s = new Spacing(defaultGarpNanos, defaultGnaNanos);
            byInterface.put(interfaceName, s);
        }
        return s;
    }

    /**
     * keepalived's {@code send_gratuitous_arp()} / {@code ndisc_send_unsolicited_na()}: true when {@code a} is to be
     * sent now (the interface's next allowed time moves on), false when it was queued (or already was).
     */
    public boolean offer(Announcement a) {
        long now = nanoClock.getAsLong();
        Spacing s = spacing(a.interfaceName());
        if (s == null || !s.spaced(a.ipv6())) {
            return true;
        }
        if (!s.allows(a.ipv6(), now)) {
            pending.add(a);
            long at = now + s.interval(a.ipv6());
            if (!timerSet || at - timerAt < 0) {
                timerSet = true;
                timerAt = at;
            }
            return false;
        }
        s.sent(a.ipv6(), now);
        return true;
    }

    /**
     * keepalived's delayed ARP thread: when the timer is due, the queued announcements whose interface now allows
     * them, in configuration order; each moves its interface's next allowed time on. Empty when nothing is due.
     */
    public List<Announcement> due() {
        long now = nanoClock.getAsLong();
        if (!timerSet || now - timerAt < 0) {
            return List.of();
        }
        List<Announcement> out = new ArrayList<>();
        boolean waiting = false;
        long next = 0;
        for (var it = pending.iterator(); it.hasNext(); ) {
            Announcement a = it.next();
            Spacing s = spacing(a.interfaceName());
            if (s == null || !s.spaced(a.ipv6()) || s.allows(a.ipv6(), now)) {
                if (s != null && s.spaced(a.ipv6())) {
                    s.sent(a.ipv6(), now);
                }
                out.add(a);
                it.remove();
            } else {
                long at = s.nextAt(a.ipv6());
                if (!waiting || at - next < 0) {
                    next = at;
                    waiting = true;
                }
            }
        }
        timerSet = waiting;
        timerAt = next;
        return out;
    }

    /**
     * Drops what instance number {@code instance} still had queued (it left master or removed its VIPs). The timer
     * stays, as keepalived's thread does: it fires, finds nothing, and stops.
     */
    public void cancel(int instance) {
        pending.removeIf(a -> a.instance() == instance);
    }

    /** When {@link #due()} has something to send, if anything is queued. */
    public OptionalLong nextWakeupNanos() {
        return timerSet ? OptionalLong.of(timerAt) : OptionalLong.empty();
    }

    /** How many announcements are queued. */
    public int pendingCount() {
        return pending.size();
    }
}
