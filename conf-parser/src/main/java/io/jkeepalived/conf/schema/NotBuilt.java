package io.jkeepalived.conf.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keywords jkeepalived reads and checks but will not act on: each use gets a NOTICE (its own category,
 * never counted as an error) naming what is missing, so an operator moving from keepalived sees what
 * does not carry over instead of having it ignored silently.
 */
final class NotBuilt {
    private static final Map<String, String> WHAT = new HashMap<>();

    static {
        put("network namespaces", "net_namespace", "net_namespace_ipvs", "namespace_with_ipsets");
        put("link-beat polling", "linkbeat_use_polling", "linkbeat_interfaces", "vrrp_instance/linkbeat_use_polling");
        put("SNMP", prefixed("global_defs/", "snmp_socket", "enable_traps", "enable_snmp_vrrp", "enable_snmp_keepalived",
                "enable_snmp_rfc", "enable_snmp_rfcv2", "enable_snmp_rfcv3", "enable_snmp_checker"));
        put("D-Bus", prefixed("global_defs/", "enable_dbus", "dbus_service_name"));
        put("firewall rules (iptables/nftables)", prefixed("global_defs/", "vrrp_iptables", "nftables", "nftables_priority",
                "nftables_ifindex", "nftables_ipvs", "nftables_ipvs_priority", "nftables_ipvs_start_fwmark", "nftables_counters"));
        put("per-process names (jkeepalived runs as one process)", prefixed("global_defs/", "process_names", "process_name",
                "vrrp_process_name", "checker_process_name", "lvs_process_name", "bfd_process_name"));
        // the VRRP and checker scheduling keywords apply to their threads (the daemon's ProcessScheduling); not
        // the CPU affinity, and nothing of BFD, which is not built
        for (String p : List.of("vrrp", "checker")) {
            put("per-process CPU affinity", "global_defs/" + p + "_cpu_affinity");
        }
        put("per-process scheduling", prefixed("global_defs/bfd_", "priority", "no_swap", "rt_priority",
                "cpu_affinity", "rlimit_rttime", "rlimit_rtime"));
        put("BFD", "bfd_instance", "vrrp_instance/track_bfd", "vrrp_sync_group/track_bfd",
                "virtual_server/real_server/BFD_CHECK");
        put("ipvlan interfaces", "vrrp_instance/use_ipvlan");
        put("VRF", "vrrp_instance/vrf");
    }

    private NotBuilt() {
    }

    private static String[] prefixed(String prefix, String... names) {
        return List.of(names).stream().map(n -> prefix + n).toArray(String[]::new);
    }

    private static void put(String what, String... paths) {
        for (String p : paths) {
            WHAT.put(p, what);
        }
    }

    /** What is not built for the keyword at this path, or null. */
    static String what(String path) {
        return WHAT.get(path);
    }
}
