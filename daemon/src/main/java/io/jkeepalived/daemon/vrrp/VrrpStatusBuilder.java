package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.daemon.status.InstanceRecorder;
import io.jkeepalived.daemon.status.InstanceStatus;
import io.jkeepalived.vrrp.fsm.VrrpStateMachine;
import io.jkeepalived.vrrp.packet.AuthType;
import io.jkeepalived.vrrp.packet.RejectCounters;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Copies one running instance into an {@link InstanceStatus}; called on the VRRP thread only. */
final class VrrpStatusBuilder {
    private VrrpStatusBuilder() {
    }

    /**
     * @param wakeupAtNanos the instance's next timer on the engine's clock, or Long.MAX_VALUE
     * @param nowNanos      the engine's clock now
     * @param wallMicros    the wall clock now, to turn the timer into a wall time
     * @param splitBrain    the instance's split-brain detector, or null
     */
    static InstanceStatus build(InstancePlan plan, VrrpStateMachine fsm, RejectCounters rx, InstanceRecorder rec,
                                InetAddress source, long wakeupAtNanos, long nowNanos, long wallMicros,
                                io.jkeepalived.vrrp.fsm.SplitBrainDetector splitBrain) {
        InstanceStatus.Counters counters = new InstanceStatus.Counters(rx.advertsReceived(), rec.advertsSent(),
                rec.becameMaster(), rec.releasedMaster(), rx.priorityZeroReceived(), rec.priorityZeroSent(),
                rx.snapshot());
        List<String> peers = new ArrayList<>();
        for (InetAddress a : plan.unicastPeers()) {
            peers.add(a.getHostAddress());
        }
        String password = null;
        if (plan.authType() == AuthType.PASS && plan.authData() != null) {
            byte[] b = plan.authData().bytes();
            int n = 0;
            while (n < b.length && b[n] != 0) {
                n++;
            }
            password = new String(b, 0, n, StandardCharsets.ISO_8859_1);
        }
        long readTimeout = wakeupAtNanos == Long.MAX_VALUE ? 0
                : wallMicros + Math.max(0, wakeupAtNanos - nowNanos) / 1_000;
        return new InstanceStatus(fsm.config(), plan.interfaceName(), source == null ? null : source.getHostAddress(),
                plan.multicastGroup() == null || plan.unicast() ? null : plan.multicastGroup().getHostAddress(),
                peers, plan.authType(), password, texts(plan.vips()), texts(plan.excludedVips()), fsm.state(),
                fsm.effectivePriority(), fsm.masterPriority(),
                fsm.masterAddress() == null ? null : fsm.masterAddress().getHostAddress(),
                fsm.masterAdvertIntervalCentis(), fsm.masterDownMicros(), rec.lastTransitionMicros(), readTimeout,
                rec.vipSet(), rec.trackers(), counters, splitBrain == null ? 0 : splitBrain.count(),
                splitBrain == null ? null : splitBrain.current().map(p -> p.address().getHostAddress()).orElse(null));
    }

    /** As keepalived's dump prints an address: {@code ADDR/LEN [brd B] dev IF scope S [label L]}. */
    static String text(Vip v) {
        StringBuilder b = new StringBuilder(v.address().getHostAddress()).append('/').append(v.prefix());
        if (v.broadcast() != null) {
            b.append(" brd ").append(v.broadcast().getHostAddress());
        }
        b.append(" dev ").append(v.dev()).append(" scope ").append(scopeName(v.scope()));
        if (v.label() != null) {
            b.append(" label ").append(v.label());
        }
        return b.toString();
    }

    private static List<String> texts(List<Vip> vips) {
        List<String> out = new ArrayList<>();
        for (Vip v : vips) {
            out.add(text(v));
        }
        return out;
    }

    private static String scopeName(int scope) {
        return switch (scope) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> Integer.toString(scope);
        };
    }
}
