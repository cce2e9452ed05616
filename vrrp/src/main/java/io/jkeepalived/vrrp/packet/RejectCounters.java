package io.jkeepalived.vrrp.packet;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Per-instance receive counters: one per {@link RejectReason}, plus keepalived's {@code advert_rcvd} and
 * {@code pri_zero_rcvd}. The engine reads them to log rejections rate-limited and to write the stats file.
 * Not thread safe: updated by the one thread that decodes for the instance.
 */
public final class RejectCounters {
    private final long[] rejected = new long[RejectReason.values().length];
    private long advertsReceived;
    private long priorityZeroReceived;

    void reject(RejectReason reason) {
        rejected[reason.ordinal()]++;
    }

    /**
     * Counts a packet whose handling threw after it reached this instance ({@link RejectReason#HANDLING_FAILED}):
     * the one reason counted by the edge rather than by the decoder.
     */
    public void countHandlingFailure() {
        rejected[RejectReason.HANDLING_FAILED.ordinal()]++;
    }

    void countAdvert() {
        advertsReceived++;
    }

    void countPriorityZero() {
        priorityZeroReceived++;
    }

    public long rejected(RejectReason reason) {
        return rejected[reason.ordinal()];
    }

    public long rejectedTotal() {
        long sum = 0;
        for (long n : rejected) {
            sum += n;
        }
        return sum;
    }

    /**
     * keepalived's {@code advert_rcvd}: packets of correct type, version and length, counted before the address
     * checks, so it includes adverts later refused for a missing VIP or a wrong unicast source.
     */
    public long advertsReceived() {
        return advertsReceived;
    }

    /** keepalived's {@code pri_zero_rcvd}. */
    public long priorityZeroReceived() {
        return priorityZeroReceived;
    }

    /** The sum over the reasons keepalived counts in {@code vrrp_stats} field {@code stat} (e.g. "auth_failure"). */
    public long keepalivedStat(String stat) {
        long sum = 0;
        for (RejectReason r : RejectReason.values()) {
            if (stat.equals(r.keepalivedStat())) {
                sum += rejected[r.ordinal()];
            }
        }
        return sum;
    }

    /** The non-zero rejection counts. */
    public Map<RejectReason, Long> snapshot() {
        Map<RejectReason, Long> out = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            if (rejected[r.ordinal()] != 0) {
                out.put(r, rejected[r.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "RejectCounters[adverts=" + advertsReceived + ", priorityZero=" + priorityZeroReceived + ", rejected="
                + snapshot() + "]";
    }
}
