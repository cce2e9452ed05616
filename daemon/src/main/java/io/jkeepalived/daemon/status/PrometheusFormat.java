package io.jkeepalived.daemon.status;

import io.jkeepalived.vrrp.packet.RejectReason;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * {@code /metrics}: the status in Prometheus' text exposition format 0.0.4. Every counter exists from the start
 * (zero included), so rates work from the first scrape; drops carry the reason in a label, one series per
 * {@link RejectReason}. Pure.
 */
public final class PrometheusFormat {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusFormat() {
    }

    public static String format(DaemonStatus status) {
        StringBuilder b = new StringBuilder();
        List<InstanceStatus> is = status.instances();
        header(b, "jkeepalived_vrrp_state", "gauge",
                "VRRP instance state (keepalived's numbers: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT, 98 STOP).");
        for (InstanceStatus i : is) {
            sample(b, "jkeepalived_vrrp_state", labels(i), JsonDump.stateNumber(i.state()));
        }
        gauge(b, is, "jkeepalived_vrrp_base_priority", "Configured priority.", i -> i.config().priority());
        gauge(b, is, "jkeepalived_vrrp_effective_priority", "Priority advertised now (base plus tracker weights).",
                InstanceStatus::effectivePriority);
        header(b, "jkeepalived_vrrp_last_transition_timestamp_seconds", "gauge",
                "When the instance last changed state (0 = never).");
        for (InstanceStatus i : is) {
            b.append("jkeepalived_vrrp_last_transition_timestamp_seconds").append(labels(i)).append(' ')
                    .append(JsonDump.seconds(i.lastTransitionMicros())).append('\n');
        }
        counter(b, is, "jkeepalived_vrrp_became_master_total", "Transitions to MASTER.",
                i -> i.counters().becameMaster());
        counter(b, is, "jkeepalived_vrrp_released_master_total", "Transitions out of MASTER.",
                i -> i.counters().releasedMaster());
        counter(b, is, "jkeepalived_vrrp_adverts_sent_total", "Adverts sent.", i -> i.counters().advertsSent());
        counter(b, is, "jkeepalived_vrrp_adverts_received_total",
                "Adverts received (keepalived's advert_rcvd: counted before the address checks).",
                i -> i.counters().advertsReceived());
        counter(b, is, "jkeepalived_vrrp_priority_zero_sent_total", "Priority 0 adverts sent.",
                i -> i.counters().priorityZeroSent());
        counter(b, is, "jkeepalived_vrrp_priority_zero_received_total", "Priority 0 adverts received.",
                i -> i.counters().priorityZeroReceived());
        header(b, "jkeepalived_vrrp_adverts_dropped_total", "counter", "Received packets dropped, by reason.");
        for (InstanceStatus i : is) {
            for (RejectReason r : RejectReason.values()) {
                sample(b, "jkeepalived_vrrp_adverts_dropped_total",
                        labels(i, "reason", r.name().toLowerCase(Locale.ROOT)), i.counters().rejected(r));
            }
        }
        counter(b, is, "jkeepalived_vrrp_split_brain_total", "Times another master was seen while MASTER.",
                InstanceStatus::splitBrainCount);
        header(b, "jkeepalived_vrrp_tracker_fault", "gauge", "1 while the tracked object holds the instance in FAULT.");
        for (InstanceStatus i : is) {
            for (TrackerStatus t : i.trackers()) {
                sample(b, "jkeepalived_vrrp_tracker_fault", labels(i, "tracker", t.name()), t.fault() ? 1 : 0);
            }
        }
        header(b, "jkeepalived_vrrp_tracker_weight", "gauge", "What the tracked object adds to the priority now.");
        for (InstanceStatus i : is) {
            for (TrackerStatus t : i.trackers()) {
                sample(b, "jkeepalived_vrrp_tracker_weight", labels(i, "tracker", t.name()), t.weight());
            }
        }
        List<RealServerStatus> rs = status.realServers();
        if (!rs.isEmpty()) {
            header(b, "jkeepalived_real_server_up", "gauge", "1 while the real server's checks pass.");
            for (RealServerStatus r : rs) {
                sample(b, "jkeepalived_real_server_up", rsLabels(r), r.up() ? 1 : 0);
            }
            header(b, "jkeepalived_real_server_check_latency_seconds", "gauge", "Duration of the last check.");
            for (RealServerStatus r : rs) {
                if (r.lastCheckLatencyNanos() >= 0) {
                    b.append("jkeepalived_real_server_check_latency_seconds").append(rsLabels(r)).append(' ')
                            .append(String.format(Locale.ROOT, "%.6f", r.lastCheckLatencyNanos() / 1e9)).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static void gauge(StringBuilder b, List<InstanceStatus> is, String name, String help,
                              ToLongFunction<InstanceStatus> value) {
        series(b, is, name, "gauge", help, value);
    }

    private static void counter(StringBuilder b, List<InstanceStatus> is, String name, String help,
                                ToLongFunction<InstanceStatus> value) {
        series(b, is, name, "counter", help, value);
    }

    /** One metric: its HELP and TYPE lines, then one sample per instance. */
    private static void series(StringBuilder b, List<InstanceStatus> is, String name, String type, String help,
                               ToLongFunction<InstanceStatus> value) {
        header(b, name, type, help);
        for (InstanceStatus i : is) {
            sample(b, name, labels(i), value.applyAsLong(i));
        }
    }

    private static void header(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder b, String name, String labels, long value) {
        b.append(name).append(labels).append(' ').append(value).append('\n');
    }

    private static String labels(InstanceStatus i, String... more) {
        StringBuilder b = new StringBuilder("{iname=");
        quote(b, i.name());
        b.append(",intf=");
        quote(b, i.interfaceName());
        b.append(",vrid=");
        quote(b, Integer.toString(i.config().virtualRouterId()));
        for (int k = 0; k + 1 < more.length; k += 2) {
            b.append(',').append(more[k]).append('=');
            quote(b, more[k + 1]);
        }
        return b.append('}').toString();
    }

    private static String rsLabels(RealServerStatus r) {
        StringBuilder b = new StringBuilder("{virtual_server=");
        quote(b, r.virtualServer());
        b.append(",real_server=");
        quote(b, r.realServer());
        return b.append('}').toString();
    }

    /** A label value: backslash, double quote and newline escaped, as the format requires. */
    static void quote(StringBuilder b, String v) {
        b.append('"');
        String s = v == null ? "" : v;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        b.append('"');
    }
}
