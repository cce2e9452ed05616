package io.jkeepalived.daemon.status;

import io.jkeepalived.vrrp.fsm.VrrpInstanceConfig;
import io.jkeepalived.vrrp.fsm.VrrpState;
import io.jkeepalived.vrrp.packet.AuthType;
import io.jkeepalived.vrrp.packet.RejectReason;

import java.util.List;
import java.util.Map;

/**
 * An immutable copy of one VRRP instance, taken by the VRRP thread, for the dump files and the HTTP endpoint
 * (keepalived's {@code vrrp_t} as {@code dump_vrrp}, {@code vrrp_print_stats} and {@code vrrp_json} read it).
 * Times are wall-clock microseconds since the epoch, as keepalived prints them.
 *
 * @param config              the state machine settings (name, vrid, version, base priority, garp, preempt)
 * @param multicastGroup      null in unicast mode
 * @param authPassword        {@code auth_pass} as sent (null unless PASS)
 * @param vips                {@code virtual_ipaddress} as keepalived prints them ({@code ADDR/LEN dev IF scope S})
 * @param excludedVips        {@code virtual_ipaddress_excluded}, same format
 * @param readTimeoutMicros   when the instance's timer fires next (master-down or next advert), 0 = none
 * @param splitBrainCount     times two masters were seen (0 until the split-brain detector reports)
 * @param splitBrainPeer      the other master of the last split brain, or null
 */
public record InstanceStatus(VrrpInstanceConfig config, String interfaceName, String sourceIp, String multicastGroup,
                             List<String> unicastPeers, AuthType authType, String authPassword, List<String> vips,
                             List<String> excludedVips, VrrpState state, int effectivePriority, int masterPriority,
                             String masterAddress, int masterAdvertIntervalCentis, long masterDownMicros,
                             long lastTransitionMicros, long readTimeoutMicros, boolean vipSet,
                             List<TrackerStatus> trackers, Counters counters, long splitBrainCount,
                             String splitBrainPeer) {
    public InstanceStatus {
        unicastPeers = List.copyOf(unicastPeers);
        vips = List.copyOf(vips);
        excludedVips = List.copyOf(excludedVips);
        trackers = List.copyOf(trackers);
    }

    /**
     * keepalived's {@code vrrp_stats}, plus the drops by our own reason names.
     *
     * @param rejected packets dropped, by reason (only non-zero reasons need be present)
     */
    public record Counters(long advertsReceived, long advertsSent, long becameMaster, long releasedMaster,
                           long priorityZeroReceived, long priorityZeroSent, Map<RejectReason, Long> rejected) {
        public Counters {
            rejected = Map.copyOf(rejected);
        }

        /** The sum of the drops keepalived counts in {@code vrrp_stats} field {@code stat}, e.g. "auth_failure". */
        public long keepalivedStat(String stat) {
            long sum = 0;
            for (Map.Entry<RejectReason, Long> e : rejected.entrySet()) {
                if (stat.equals(e.getKey().keepalivedStat())) {
                    sum += e.getValue();
                }
            }
            return sum;
        }

        public long rejected(RejectReason reason) {
            return rejected.getOrDefault(reason, 0L);
        }
    }

    public String name() {
        return config.name();
    }

    /** keepalived's {@code wantstate}: we do not model a pending transition, so it is the state. */
    public VrrpState wantState() {
        return state;
    }

    /** The last split brain as a copy with the detector's figures (the hook for the sync/split-brain work). */
    public InstanceStatus withSplitBrain(long count, String peer) {
        return new InstanceStatus(config, interfaceName, sourceIp, multicastGroup, unicastPeers, authType,
                authPassword, vips, excludedVips, state, effectivePriority, masterPriority, masterAddress,
                masterAdvertIntervalCentis, masterDownMicros, lastTransitionMicros, readTimeoutMicros, vipSet,
                trackers, counters, count, peer);
    }
}
