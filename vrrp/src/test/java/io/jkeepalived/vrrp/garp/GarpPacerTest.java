package io.jkeepalived.vrrp.garp;

import io.jkeepalived.vrrp.garp.GarpPacer.Announcement;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The GARP/NA delay queue on a fake clock: what goes out when, as keepalived 2.2.7 paces it. */
class GarpPacerTest {
    private static final long MS = 1_000_000L;

    /** A hand-driven clock starting at an arbitrary (negative) origin, so wrap-safe comparisons are exercised. */
    private static final class Clock implements LongSupplier {
        long now = -5_000 * MS;

        @Override
        public long getAsLong() {
            return now;
        }
    }

    private final Clock clock = new Clock();
    private final GarpPacer pacer = new GarpPacer(clock);

    /** What keepalived's vrrp_send_link_update does: {@code repeat} rounds over the VIPs; returns what is sent now. */
    private List<Announcement> burst(int instance, int repeat, List<Announcement> vips) {
        List<Announcement> sent = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            for (Announcement a : vips) {
                if (pacer.offer(a)) {
                    sent.add(a);
                }
            }
        }
        return sent;
    }

    private static Announcement v4(int instance, int vip, String ifname) {
        return new Announcement(instance, vip, ifname, false);
    }

    /** Runs the delay queue until it is empty (bounded), recording when each announcement went out. */
    private List<String> drain(int maxSteps) {
        List<String> out = new ArrayList<>();
        long origin = -5_000 * MS;
        for (int i = 0; i < maxSteps && pacer.nextWakeupNanos().isPresent(); i++) {
            clock.now = pacer.nextWakeupNanos().getAsLong();
            for (Announcement a : pacer.due()) {
                out.add((clock.now - origin) / MS + "ms:" + a.instance() + "/" + a.vip());
            }
        }
        return out;
    }

    @Test
    void withoutSpacingEverythingGoesAtOnce() {
        Announcement a = v4(0, 0, "eth0");
        assertThat(burst(0, 5, List.of(a))).hasSize(5);
        assertThat(pacer.nextWakeupNanos()).isEmpty();
    }

    @Test
    void aBurstForOneVipCollapsesToTwoMessagesOneIntervalApart() {
        pacer.defaults(100 * MS, -1);
        Announcement a = v4(0, 0, "eth0");
        assertThat(burst(0, 5, List.of(a))).containsExactly(a);
        assertThat(pacer.pendingCount()).isEqualTo(1);
        assertThat(drain(10)).containsExactly("100ms:0/0");
    }

    @Test
    void severalVipsOnOneInterfaceAreSpacedInConfigurationOrder() {
        pacer.defaults(50 * MS, -1);
        List<Announcement> vips = List.of(v4(0, 0, "eth0"), v4(0, 1, "eth0"), v4(0, 2, "eth0"));
        assertThat(burst(0, 5, vips)).containsExactly(vips.get(0));
        // the first VIP again (its later rounds), then the others, one interval apart
        assertThat(drain(10)).containsExactly("50ms:0/0", "100ms:0/1", "150ms:0/2");
    }

    @Test
    void aSecondBurstAfterTheIntervalStartsAtOnce() {
        pacer.defaults(100 * MS, -1);
        Announcement a = v4(0, 0, "eth0");
        burst(0, 5, List.of(a));
        drain(10);
        clock.now += 5_000 * MS; // garp_master_delay later
        assertThat(burst(0, 5, List.of(a))).containsExactly(a);
        assertThat(pacer.pendingCount()).isEqualTo(1);
    }

    @Test
    void aBurstWithinTheIntervalOfTheLastMessageIsQueued() {
        pacer.defaults(100 * MS, -1);
        Announcement a = v4(0, 0, "eth0");
        assertThat(pacer.offer(a)).isTrue();
        clock.now += 40 * MS;
        Announcement b = v4(1, 0, "eth0");
        assertThat(pacer.offer(b)).isFalse();
        // the timer runs from the queueing (keepalived's queue_garp), not from the last message
        assertThat(pacer.nextWakeupNanos().getAsLong()).isEqualTo(clock.now + 100 * MS);
    }

    @Test
    void interfacesOutsideAGroupAreSpacedEachOnTheirOwn() {
        pacer.defaults(100 * MS, -1);
        assertThat(pacer.offer(v4(0, 0, "eth0"))).isTrue();
        assertThat(pacer.offer(v4(0, 1, "eth1"))).isTrue();
        assertThat(pacer.offer(v4(0, 2, "eth0"))).isFalse();
    }

    @Test
    void aGroupSharesOneSpacingAcrossItsInterfaces() {
        pacer.group(List.of("eth0", "eth1"), 30 * MS, -1);
        assertThat(pacer.offer(v4(0, 0, "eth0"))).isTrue();
        assertThat(pacer.offer(v4(0, 1, "eth1"))).isFalse();
        assertThat(pacer.offer(v4(0, 2, "eth2"))).as("not in the group, no default").isTrue();
        assertThat(drain(10)).containsExactly("30ms:0/1");
    }

    @Test
    void theFirstGroupNamingAnInterfaceWins() {
        pacer.group(List.of("eth0"), 30 * MS, -1);
        pacer.group(List.of("eth0"), 500 * MS, -1);
        pacer.offer(v4(0, 0, "eth0"));
        pacer.offer(v4(0, 1, "eth0"));
        assertThat(drain(10)).containsExactly("30ms:0/1");
    }

    @Test
    void aGroupOverridesTheGlobalDefault() {
        pacer.defaults(1_000 * MS, -1);
        pacer.group(List.of("eth0"), 20 * MS, -1);
        pacer.offer(v4(0, 0, "eth0"));
        pacer.offer(v4(0, 1, "eth0"));
        assertThat(drain(10)).containsExactly("20ms:0/1");
    }

    @Test
    void arpAndNaAreSpacedSeparately() {
        pacer.defaults(100 * MS, 10 * MS);
        Announcement arp = v4(0, 0, "eth0");
        Announcement na = new Announcement(0, 1, "eth0", true);
        Announcement na2 = new Announcement(0, 2, "eth0", true);
        assertThat(burst(0, 1, List.of(arp, na, na2))).containsExactly(arp, na);
        assertThat(drain(10)).containsExactly("10ms:0/2");
    }

    @Test
    void naWithoutItsOwnIntervalIsNotSpaced() {
        pacer.defaults(100 * MS, 0);
        Announcement na = new Announcement(0, 1, "eth0", true);
        assertThat(burst(0, 5, List.of(na))).hasSize(5);
    }

    @Test
    void aZeroGroupIntervalSpacesNothing() {
        pacer.group(List.of("eth0"), 0, -1);
        assertThat(burst(0, 3, List.of(v4(0, 0, "eth0")))).hasSize(3);
    }

    @Test
    void aGroupWithNeitherIntervalIsDropped() {
        pacer.defaults(100 * MS, -1);
        pacer.group(List.of("eth0"), -1, -1);
        pacer.offer(v4(0, 0, "eth0"));
        assertThat(pacer.offer(v4(0, 1, "eth0"))).as("the default still applies").isFalse();
    }

    @Test
    void leavingMasterDropsTheQueueButTheTimerFiresEmpty() {
        pacer.defaults(100 * MS, -1);
        burst(0, 5, List.of(v4(0, 0, "eth0"), v4(0, 1, "eth0")));
        pacer.cancel(0);
        assertThat(pacer.pendingCount()).isZero();
        assertThat(drain(10)).isEmpty();
        assertThat(pacer.nextWakeupNanos()).isEmpty();
    }

    @Test
    void cancelKeepsOtherInstancesQueued() {
        pacer.defaults(100 * MS, -1);
        pacer.offer(v4(0, 0, "eth0"));
        pacer.offer(v4(0, 1, "eth0"));
        pacer.offer(v4(1, 0, "eth0"));
        pacer.cancel(0);
        assertThat(drain(10)).containsExactly("100ms:1/0");
    }

    @Test
    void nothingIsDueBeforeTheTimer() {
        pacer.defaults(100 * MS, -1);
        pacer.offer(v4(0, 0, "eth0"));
        pacer.offer(v4(0, 1, "eth0"));
        clock.now += 99 * MS;
        assertThat(pacer.due()).isEmpty();
        assertThat(pacer.pendingCount()).isEqualTo(1);
    }

    /** However many VIPs and rounds: each VIP of a burst goes out at most twice, never two closer than the interval. */
    @Property(tries = 200)
    void spacingIsNeverViolated(@ForAll @IntRange(min = 1, max = 6) int vips,
                                @ForAll @IntRange(min = 1, max = 8) int repeat,
                                @ForAll @IntRange(min = 1, max = 500) int intervalMs) {
        Clock c = new Clock();
        GarpPacer p = new GarpPacer(c);
        p.defaults(intervalMs * MS, -1);
        List<Announcement> list = new ArrayList<>();
        for (int v = 0; v < vips; v++) {
            list.add(v4(0, v, "eth0"));
        }
        List<Long> times = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            for (Announcement a : list) {
                if (p.offer(a)) {
                    times.add(c.now);
                }
            }
        }
        for (int i = 0; i < 100 && p.nextWakeupNanos().isPresent(); i++) {
            c.now = p.nextWakeupNanos().getAsLong();
            for (Announcement ignored : p.due()) {
                times.add(c.now);
            }
        }
        assertThat(p.pendingCount()).isZero();
        assertThat(times).hasSize(repeat == 1 ? vips : vips + 1);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(intervalMs * MS);
        }
    }
}
