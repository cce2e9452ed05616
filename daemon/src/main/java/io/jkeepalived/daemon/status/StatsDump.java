package io.jkeepalived.daemon.status;

import java.util.List;

/**
 * keepalived's SIGUSR2 file ({@code /tmp/keepalived.stats}, {@code vrrp_print_stats}): per instance the advert
 * counts, master transitions and the drops by keepalived's {@code vrrp_stats} field. Pure.
 */
public final class StatsDump {
    private StatsDump() {
    }

    public static String format(List<InstanceStatus> instances) {
        StringBuilder b = new StringBuilder();
        for (InstanceStatus i : instances) {
            InstanceStatus.Counters c = i.counters();
            b.append("VRRP Instance: ").append(i.name()).append('\n');
            b.append("  Advertisements:\n");
            b.append("    Received: ").append(c.advertsReceived()).append('\n');
            b.append("    Sent: ").append(c.advertsSent()).append('\n');
            b.append("  Became master: ").append(c.becameMaster()).append('\n');
            b.append("  Released master: ").append(c.releasedMaster()).append('\n');
            b.append("  Packet Errors:\n");
            b.append("    Length: ").append(c.keepalivedStat("packet_len_err")).append('\n');
            b.append("    TTL: ").append(c.keepalivedStat("ip_ttl_err")).append('\n');
            b.append("    Invalid Type: ").append(c.keepalivedStat("invalid_type_rcvd")).append('\n');
            b.append("    Advertisement Interval: ").append(c.keepalivedStat("advert_interval_err")).append('\n');
            b.append("    Address List: ").append(c.keepalivedStat("addr_list_err")).append('\n');
            b.append("  Authentication Errors:\n");
            b.append("    Invalid Type: ").append(c.keepalivedStat("invalid_authtype")).append('\n');
            b.append("    Type Mismatch: ").append(c.keepalivedStat("authtype_mismatch")).append('\n');
            b.append("    Failure: ").append(c.keepalivedStat("auth_failure")).append('\n');
            b.append("  Priority Zero:\n");
            b.append("    Received: ").append(c.priorityZeroReceived()).append('\n');
            b.append("    Sent: ").append(c.priorityZeroSent()).append('\n');
        }
        return b.toString();
    }
}
