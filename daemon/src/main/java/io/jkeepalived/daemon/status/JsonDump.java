package io.jkeepalived.daemon.status;

import io.jkeepalived.vrrp.fsm.VrrpInstanceConfig;
import io.jkeepalived.vrrp.fsm.VrrpState;
import io.jkeepalived.vrrp.packet.AuthType;

import java.util.List;

/**
 * keepalived's SIGRTMIN+2 file ({@code /tmp/keepalived.json}, {@code vrrp_json.c}, json_version 1): an array with,
 * per instance, {@code data} (configuration and state) and {@code stats}. Pure.
 */
public final class JsonDump {
    private JsonDump() {
    }

    /** keepalived's VRRP_STATE_* numbers. */
    static int stateNumber(VrrpState s) {
        return switch (s) {
            case INIT -> 0;
            case BACKUP -> 1;
            case MASTER -> 2;
            case FAULT -> 3;
            case STOP -> 98;
        };
    }

    /** keepalived prints times as {@code seconds.micros}. */
    static String seconds(long micros) {
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    public static String format(List<InstanceStatus> instances, DumpFacts facts) {
        Json j = new Json().beginArray();
        for (InstanceStatus i : instances) {
            VrrpInstanceConfig c = i.config();
            j.beginObject().name("data").beginObject();
            j.field("iname", i.name());
            j.field("dont_track_primary", 0);
            j.field("skip_check_adv_addr", 0);
            j.field("strict_mode", 0);
            j.field("vmac_ifname", "");
            j.field("ifp_ifname", i.interfaceName());
            j.field("master_priority", i.masterPriority());
            j.name("last_transition").raw(seconds(i.lastTransitionMicros()));
            j.field("garp_delay", c.garpMasterDelay().toSeconds());
            j.field("garp_refresh", c.garpMasterRefresh().toSeconds());
            j.field("garp_rep", c.garpMasterRepeat());
            j.field("garp_refresh_rep", c.garpMasterRefreshRepeat());
            j.field("garp_lower_prio_delay", c.garpLowerPrioDelay().toSeconds());
            j.field("garp_lower_prio_rep", c.garpLowerPrioRepeat());
            j.field("lower_prio_no_advert", c.lowerPrioNoAdvert() ? 1 : 0);
            j.field("higher_prio_send_advert", c.higherPrioSendAdvert() ? 1 : 0);
            j.field("vrid", c.virtualRouterId());
            j.field("base_priority", c.priority());
            j.field("effective_priority", i.effectivePriority());
            j.field("vipset", i.vipSet());
            j.field("promote_secondaries", false);
            j.field("adver_int", c.advertIntervalCentis() / 100);
            j.field("master_adver_int", i.masterAdvertIntervalCentis() / 100);
            j.field("accept", 1);
            j.field("nopreempt", c.nopreempt());
            j.field("preempt_delay", c.preemptDelay().toSeconds());
            j.field("state", stateNumber(i.state()));
            j.field("wantstate", stateNumber(i.wantState()));
            j.field("version", c.version());
            j.field("smtp_alert", false);
            j.field("notify_deleted", false);
            j.name("vips").beginArray();
            for (String v : i.vips()) {
                j.value(v + (i.vipSet() ? " set" : ""));
            }
            j.endArray();
            if (!i.excludedVips().isEmpty()) {
                j.name("evips").beginArray();
                for (String v : i.excludedVips()) {
                    j.value(v + (i.vipSet() ? " set" : ""));
                }
                j.endArray();
            }
            List<DumpFacts.TrackedScript> tracked = facts.trackedScripts(i.name());
            if (!tracked.isEmpty()) {
                j.name("track_script").beginArray();
                for (DumpFacts.TrackedScript t : tracked) {
                    facts.scripts().stream().filter(s -> s.name().equals(t.script())).findFirst()
                            .ifPresent(s -> j.value(DataDump.commandLine(s.command())));
                }
                j.endArray();
            }
            if (c.version() == 2) {
                j.field("auth_type", i.authType().wire());
                if (i.authType() == AuthType.PASS) {
                    j.field("auth_data", i.authPassword());
                }
            }
            j.endObject();
            InstanceStatus.Counters s = i.counters();
            j.name("stats").beginObject();
            j.field("advert_rcvd", s.advertsReceived());
            j.field("advert_sent", s.advertsSent());
            j.field("become_master", s.becameMaster());
            j.field("release_master", s.releasedMaster());
            j.field("packet_len_err", s.keepalivedStat("packet_len_err"));
            j.field("advert_interval_err", s.keepalivedStat("advert_interval_err"));
            j.field("ip_ttl_err", s.keepalivedStat("ip_ttl_err"));
            j.field("invalid_type_rcvd", s.keepalivedStat("invalid_type_rcvd"));
            j.field("addr_list_err", s.keepalivedStat("addr_list_err"));
            j.field("invalid_authtype", s.keepalivedStat("invalid_authtype"));
            j.field("authtype_mismatch", s.keepalivedStat("authtype_mismatch"));
            j.field("auth_failure", s.keepalivedStat("auth_failure"));
            j.field("pri_zero_rcvd", s.priorityZeroReceived());
            j.field("pri_zero_sent", s.priorityZeroSent());
            j.endObject();
            j.endObject();
        }
        return j.endArray().toString();
    }
}
