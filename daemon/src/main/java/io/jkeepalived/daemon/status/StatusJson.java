package io.jkeepalived.daemon.status;

import io.jkeepalived.vrrp.packet.RejectReason;

import java.util.Locale;
import java.util.Map;

/**
 * {@code /status}: the status as JSON, with what keepalived's JSON lacks (tracker state, drops by reason,
 * split brain, real servers). Never prints {@code auth_pass}: the endpoint is not a 0600 file. Pure.
 */
public final class StatusJson {
    private StatusJson() {
    }

    public static String format(DaemonStatus status) {
        Json j = new Json().beginObject();
        j.name("time").raw(JsonDump.seconds(status.takenAtMicros()));
        j.name("vrrp_instances").beginArray();
        for (InstanceStatus i : status.instances()) {
            j.beginObject();
            j.field("name", i.name());
            j.field("vrid", i.config().virtualRouterId());
            j.field("version", i.config().version());
            j.field("interface", i.interfaceName());
            j.field("source_ip", i.sourceIp());
            j.field("state", i.state().name());
            j.field("wantstate", i.wantState().name());
            j.field("base_priority", i.config().priority());
            j.field("effective_priority", i.effectivePriority());
            j.field("master_address", i.masterAddress());
            j.field("master_priority", i.masterPriority());
            j.name("last_transition").raw(JsonDump.seconds(i.lastTransitionMicros()));
            j.field("master_down_timer_usecs", i.masterDownMicros());
            j.field("vip_set", i.vipSet());
            j.name("vips").beginArray();
            i.vips().forEach(j::value);
            j.endArray();
            j.name("excluded_vips").beginArray();
            i.excludedVips().forEach(j::value);
            j.endArray();
            j.name("trackers").beginArray();
            for (TrackerStatus t : i.trackers()) {
                j.beginObject().field("name", t.name()).field("weight", t.weight()).field("fault", t.fault())
                        .endObject();
            }
            j.endArray();
            InstanceStatus.Counters c = i.counters();
            j.name("stats").beginObject();
            j.field("adverts_received", c.advertsReceived());
            j.field("adverts_sent", c.advertsSent());
            j.field("became_master", c.becameMaster());
            j.field("released_master", c.releasedMaster());
            j.field("priority_zero_received", c.priorityZeroReceived());
            j.field("priority_zero_sent", c.priorityZeroSent());
            j.name("dropped").beginObject();
            for (Map.Entry<RejectReason, Long> e : new java.util.TreeMap<>(c.rejected()).entrySet()) {
                j.field(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
            }
            j.endObject();
            j.endObject();
            j.name("split_brain").beginObject().field("count", i.splitBrainCount())
                    .field("peer", i.splitBrainPeer()).endObject();
            j.endObject();
        }
        j.endArray();
        j.name("real_servers").beginArray();
        for (RealServerStatus r : status.realServers()) {
            j.beginObject().field("virtual_server", r.virtualServer()).field("real_server", r.realServer())
                    .field("up", r.up());
            if (r.lastCheckLatencyNanos() >= 0) {
                j.name("check_latency_seconds").raw(String.format(Locale.ROOT, "%.6f", r.lastCheckLatencyNanos() / 1e9));
            }
            j.endObject();
        }
        j.endArray();
        return j.endObject().toString();
    }
}
