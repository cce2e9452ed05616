package io.jkeepalived.daemon.status;

import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.vrrp.fsm.VrrpInstanceConfig;
import io.jkeepalived.vrrp.packet.AuthType;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * keepalived's SIGUSR1 file ({@code /tmp/keepalived.data}, {@code dump_data_vrrp}): the same section headers and
 * {@code name = value} lines, in its order, so that tools parsing it find every field (compared with keepalived
 * 2.2.7's own dump of the same configuration by the e2e StatusDumpsDifferentialTest). Fields of keepalived internals
 * jkeepalived has no equivalent of carry keepalived's default values. Pure but for the process's umask: the time
 * zone and the interface table are parameters.
 */
public final class DataDump {
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss", Locale.ENGLISH);

    private DataDump() {
    }

    public static String format(List<InstanceStatus> instances, DumpFacts facts, ZoneId zone) {
        return format(instances, facts, zone, List.of());
    }

    /** With the interface table read at the time of the signal ({@code interfaces} empty: the header only). */
    public static String format(List<InstanceStatus> instances, DumpFacts facts, ZoneId zone,
                                List<InterfaceFacts> interfaces) {
        StringBuilder b = new StringBuilder();
        if (facts.global() != null) {
            global(b, facts);
        }
        b.append("------< VRRP Topology >------\n");
        for (InstanceStatus i : instances) {
            instance(b, i, facts, zone);
        }
        sockpool(b, instances);
        if (!facts.scripts().isEmpty()) {
            b.append("------< VRRP Scripts >------\n");
            for (DumpFacts.Script s : facts.scripts()) {
                script(b, s, instances);
            }
        }
        b.append("------< Interfaces >------\n");
        for (InterfaceFacts f : interfaces) {
            iface(b, f, instances);
        }
        return b.toString();
    }

    /** keepalived's "VRRP Sockpool": one entry per socket pair, with the instances sharing it. */
    private static void sockpool(StringBuilder b, List<InstanceStatus> instances) {
        b.append("------< VRRP Sockpool >------\n");
        java.util.Map<Integer, List<SocketPool.Entry>> byFd = new java.util.LinkedHashMap<>();
        for (SocketPool.Entry e : SocketPool.of(instances)) {
            byFd.computeIfAbsent(e.fdIn(), k -> new java.util.ArrayList<>()).add(e);
        }
        for (List<SocketPool.Entry> members : byFd.values()) {
            SocketPool.Entry e = members.get(0);
            b.append(" fd_in ").append(e.fdIn()).append(" fd_out = ").append(e.fdOut()).append('\n');
            line(b, 3, "Interface", e.interfaceName());
            line(b, 3, "Family", e.ipv6() ? "IPv6" : "IPv4");
            line(b, 3, "Protocol", e.ah() ? "AH" : "VRRP");
            line(b, 3, "Type", e.unicast() ? "Unicast" : "Multicast");
            line(b, 3, "Rx buf size", 0); // keepalived's configured size; 0 = its default
            b.append("   VRRP instances\n");
            for (SocketPool.Entry m : members) {
                b.append("     ").append(m.instance()).append(" vrid ").append(m.virtualRouterId()).append('\n');
            }
        }
    }

    /** keepalived's dump_if(), for what a netlink dump tells; the counters jkeepalived does not keep are 0. */
    private static void iface(StringBuilder b, InterfaceFacts f, List<InstanceStatus> instances) {
        line(b, 1, "Name", f.name());
        line(b, 3, "index", f.index());
        line(b, 3, "IPv4 address", f.ipv4() == null ? "(none)" : f.ipv4());
        if (!f.moreIpv4().isEmpty()) {
            b.append("   Additional IPv4 addresses :\n");
            for (String a : f.moreIpv4()) {
                b.append("     ").append(a).append('\n');
            }
        }
        line(b, 3, "IPv6 address", f.ipv6() == null ? "(none)" : f.ipv6());
        // keepalived keeps no hardware address for an all-zero one (lo)
        if (f.mac() != null && f.mac().length > 0 && !allZero(f.mac())) {
            line(b, 3, "MAC", mac(f.mac(), false));
            line(b, 3, "MAC broadcast", mac(f.mac(), true));
        }
        int fl = f.flags();
        line(b, 3, "State", ((fl & InterfaceFacts.IFF_UP) != 0 ? "" : "not ") + "UP, "
                + ((fl & InterfaceFacts.IFF_RUNNING) != 0 ? "" : "not ") + "RUNNING"
                + ((fl & InterfaceFacts.IFF_BROADCAST) == 0 ? ", no broadcast" : "")
                + ((fl & InterfaceFacts.IFF_LOOPBACK) != 0 ? ", loopback" : "")
                + ((fl & InterfaceFacts.IFF_POINTOPOINT) != 0 ? ", point to point" : "")
                + ((fl & InterfaceFacts.IFF_NOARP) != 0 ? ", no arp" : "")
                + ((fl & InterfaceFacts.IFF_MULTICAST) == 0 ? ", no multicast" : ""));
        line(b, 3, "Seen up", (fl & InterfaceFacts.IFF_UP) != 0 ? 1 : 0);
        line(b, 3, "Delayed state change running", false);
        line(b, 3, "Up debounce timer", "0us");
        line(b, 3, "Down debounce timer", "0us");
        line(b, 3, "MTU", f.mtu());
        line(b, 3, "HW Type", (fl & InterfaceFacts.IFF_LOOPBACK) != 0 ? "LOOPBACK"
                : f.mac() != null && f.mac().length == 6 ? "ETHERNET" : "UNKNOWN (65534)");
        b.append("   NIC netlink status update\n");
        b.append("   Reset ARP config counter 0\n");
        b.append("   Original arp_ignore 0\n");
        b.append("   Original arp_filter 0\n");
        b.append("   Original promote_secondaries 0\n");
        b.append("   Reset promote_secondaries counter 0\n");
        List<InstanceStatus> tracking = instances.stream().filter(i -> f.name().equals(i.interfaceName())).toList();
        if (!tracking.isEmpty()) {
            b.append("   Tracking VRRP instances :\n");
            for (InstanceStatus i : tracking) {
                b.append("     ").append(i.name()).append(", weight 0\n");
            }
        }
    }

    private static boolean allZero(byte[] mac) {
        for (byte x : mac) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String mac(byte[] mac, boolean broadcast) {
        StringBuilder b = new StringBuilder();
        for (byte x : mac) {
            if (b.length() > 0) {
                b.append(':');
            }
            b.append(broadcast ? "ff" : String.format("%02x", x & 0xff));
        }
        return b.toString();
    }

    /**
     * keepalived's dump_global_data() as Debian's 2.2.7 build writes it for a VRRP process: the lines it always writes
     * (settings jkeepalived does not have print keepalived's defaults, so that tools find every field).
     */
    private static void global(StringBuilder b, DumpFacts facts) {
        GlobalDefs g = facts.global();
        b.append("------< Global definitions >------\n");
        GlobalDefs.Runtime rt = g.runtime();
        line(b, 1, "Network namespace", rt == null || rt.netNamespace() == null ? "(default)" : rt.netNamespace());
        line(b, 1, "Network namespace ipvs", rt == null || rt.netNamespaceIpvs() == null ? "(main namespace)"
                : rt.netNamespaceIpvs().isEmpty() ? "(default)" : rt.netNamespaceIpvs());
        line(b, 1, "Router ID", facts.routerId() == null ? hostName() : facts.routerId());
        line(b, 1, "Default smtp_alert", "unset");
        line(b, 1, "Default smtp_alert_vrrp", "unset");
        line(b, 1, "Default smtp_alert_checker", "unset");
        line(b, 1, "Checkers log all failures", false);
        b.append(" No test config before reload\n");
        line(b, 1, "Dynamic interfaces", g.vrrp().dynamicInterfaces());
        line(b, 1, "Default interface", g.vrrp().defaultInterface());
        line(b, 1, "Disable local IGMP", "no");
        GlobalDefs.Lvs lvs = g.lvs();
        line(b, 1, "LVS flush", lvs != null && lvs.flush());
        line(b, 1, "LVS flush on stop", lvs == null || lvs.flushOnStop() == GlobalDefs.FlushOnStop.NONE ? "disabled"
                : lvs.flushOnStop() == GlobalDefs.FlushOnStop.FULL ? "full" : "VS");
        line(b, 1, "FIFO write vrrp states on reload", g.fifos() != null && g.fifos().writeVrrpStatesOnReload());
        line(b, 1, "VRRP notify priority changes", g.vrrp().notifyPriorityChanges());
        line(b, 1, "VRRP IPv4 mcast group", g.vrrp().mcastGroup4() == null ? "224.0.0.18" : g.vrrp().mcastGroup4());
        line(b, 1, "VRRP IPv6 mcast group", g.vrrp().mcastGroup6() == null ? "ff02::12" : g.vrrp().mcastGroup6());
        GlobalDefs.GarpDefaults garp = g.garp();
        line(b, 1, "Gratuitous ARP delay", garp.masterDelayMicros() / 1_000_000);
        line(b, 1, "Gratuitous ARP repeat", garp.masterRepeat());
        line(b, 1, "Gratuitous ARP refresh timer", garp.masterRefreshMicros() / 1_000_000);
        line(b, 1, "Gratuitous ARP refresh repeat", garp.masterRefreshRepeat());
        line(b, 1, "Gratuitous ARP lower priority delay", (garp.lowerPrioDelayMicros() < 0
                ? garp.masterDelayMicros() : garp.lowerPrioDelayMicros()) / 1_000_000);
        line(b, 1, "Gratuitous ARP lower priority repeat", garp.lowerPrioRepeat() < 0 ? garp.masterRepeat()
                : garp.lowerPrioRepeat());
        line(b, 1, "Num adverts before down", g.vrrp().downTimerAdverts());
        line(b, 1, "Gratuitous ARP for each secondary VMAC", "0s");
        line(b, 1, "Send advert after receive lower priority advert", !g.vrrp().lowerPrioNoAdvert());
        line(b, 1, "Send advert after receive higher priority advert", g.vrrp().higherPrioSendAdvert());
        line(b, 1, "Gratuitous ARP interval", String.format(Locale.ROOT, "%f", garp.garpIntervalMicros() / 1e6));
        line(b, 1, "Gratuitous NA interval", String.format(Locale.ROOT, "%f", garp.gnaIntervalMicros() / 1e6));
        line(b, 1, "VRRP default protocol version", g.vrrp().version());
        // Debian's build has nftables: keepalived prints its library facts here
        b.append(" nftables without counters\n");
        b.append(" libnftnl version 1.2.3\n");
        line(b, 1, "VRRP check unicast_src", g.vrrp().checkUnicastSrc());
        line(b, 1, "VRRP skip check advert addresses", g.vrrp().skipCheckAdvAddr());
        line(b, 1, "VRRP strict mode", g.vrrp().strict());
        GlobalDefs.Processes p = g.processes();
        line(b, 1, "Max auto priority", p == null ? 0 : p.maxAutoPriority());
        line(b, 1, "Min auto priority delay", (p == null ? GlobalDefs.Processes.MIN_AUTO_PRIORITY_DELAY_DEFAULT_MICROS
                : p.minAutoPriorityDelayMicros()) + " usecs");
        process(b, "VRRP", p == null ? null : p.vrrp());
        process(b, "Checker", p == null ? null : p.checker());
        process(b, "BFD", p == null ? null : p.bfd());
        b.append(" SNMP vrrp disabled\n");
        b.append(" SNMP checker disabled\n");
        b.append(" SNMP RFCv2 disabled\n");
        b.append(" SNMP RFCv3 disabled\n");
        b.append(" SNMP traps disabled\n");
        line(b, 1, "SNMP socket", "default (unix:/var/agentx/master)");
        b.append(" DBus disabled\n");
        line(b, 1, "DBus service name", "");
        b.append(" Script security ").append(g.scripts() != null && g.scripts().enableScriptSecurity() ? "enabled" : "disabled")
                .append('\n');
        b.append(" Default script uid:gid 0:0\n");
        for (String bufs : List.of("vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_monitor_rcv_bufs", "process_monitor_rcv_bufs",
                "lvs_netlink_cmd_rcv_bufs", "lvs_netlink_monitor_rcv_bufs")) {
            line(b, 1, bufs, 0);
            line(b, 1, bufs + "_force", 0);
        }
        line(b, 1, "rs_init_notifies", 0);
        line(b, 1, "no_checker_emails", 0);
        line(b, 1, "rx_bufs_multiples", 3);
        line(b, 1, "umask", "0" + Integer.toOctalString(io.jkeepalived.daemon.ops.FileMask.current()));
    }

    private static void process(StringBuilder b, String name, GlobalDefs.ProcessSettings s) {
        GlobalDefs.ProcessSettings p = s == null ? GlobalDefs.ProcessSettings.DEFAULT : s;
        line(b, 1, name + " process priority", p.priority());
        line(b, 1, name + " don't swap", p.noSwap());
        line(b, 1, name + " realtime priority", p.rtPriority());
        line(b, 1, name + " realtime limit", p.rlimitRttimeMicros());
    }

    private static void instance(StringBuilder b, InstanceStatus i, DumpFacts facts, ZoneId zone) {
        VrrpInstanceConfig c = i.config();
        line(b, 1, "VRRP Instance", i.name());
        line(b, 3, "VRRP Version", c.version());
        line(b, 3, "State", i.state());
        b.append("   Flags: none\n");
        line(b, 3, "Wantstate", i.wantState());
        line(b, 3, "Number of config faults", 0);
        line(b, 3, "Number of interface and track script faults", i.trackers().stream().filter(TrackerStatus::fault).count());
        line(b, 3, "Number of track scripts init", 0);
        line(b, 3, "Last transition", time(i.lastTransitionMicros(), zone));
        if (i.readTimeoutMicros() != 0) {
            line(b, 3, "Read timeout", time(i.readTimeoutMicros(), zone));
        }
        line(b, 3, "Master down timer", i.masterDownMicros() + " usecs");
        line(b, 3, "Interface", i.interfaceName());
        if (i.sourceIp() != null) {
            line(b, 3, "Using src_ip", i.sourceIp());
        }
        if (i.multicastGroup() != null) {
            b.append("   Multicast address ").append(i.multicastGroup()).append('\n');
        }
        if (!i.unicastPeers().isEmpty()) {
            b.append("   Unicast Peer :\n");
            for (String p : i.unicastPeers()) {
                b.append("     ").append(p).append('\n');
            }
        }
        line(b, 3, "Gratuitous ARP delay", c.garpMasterDelay().toSeconds());
        line(b, 3, "Gratuitous ARP repeat", c.garpMasterRepeat());
        line(b, 3, "Gratuitous ARP refresh", c.garpMasterRefresh().toSeconds());
        line(b, 3, "Gratuitous ARP refresh repeat", c.garpMasterRefreshRepeat());
        line(b, 3, "Gratuitous ARP lower priority delay", c.garpLowerPrioDelay().toSeconds());
        line(b, 3, "Gratuitous ARP lower priority repeat", c.garpLowerPrioRepeat());
        line(b, 3, "Down timer adverts", c.downTimerAdverts());
        line(b, 3, "Send advert after receive lower priority advert", !c.lowerPrioNoAdvert());
        line(b, 3, "Send advert after receive higher priority advert", c.higherPrioSendAdvert());
        line(b, 3, "Virtual Router ID", c.virtualRouterId());
        line(b, 3, "Priority", c.priority());
        line(b, 3, "Effective priority", i.effectivePriority());
        line(b, 3, "Total priority", i.effectivePriority());
        line(b, 3, "Advert interval", c.version() == 2 || c.advertIntervalCentis() % 100 == 0
                ? c.advertIntervalCentis() / 100 + " sec" : c.advertIntervalCentis() * 10 + " milli-sec");
        line(b, 3, "Accept", "enabled");
        line(b, 3, "Preempt", c.nopreempt() ? "disabled" : "enabled");
        if (!c.preemptDelay().isZero()) {
            line(b, 3, "Preempt delay", c.preemptDelay().toSeconds() + " secs");
        }
        line(b, 3, "Promote_secondaries", "disabled");
        if (c.version() == 2) {
            line(b, 3, "Authentication type", switch (i.authType()) {
                case NONE -> "none";
                case PASS -> "SIMPLE_PASSWORD";
                case AH -> "IPSEC_AH";
            });
            if (i.authType() == AuthType.PASS) {
                line(b, 3, "Password", i.authPassword());
            }
        }
        b.append("   Virtual IP (").append(i.vips().size()).append("):\n");
        for (String v : i.vips()) {
            b.append("     ").append(v).append(i.vipSet() ? " set" : "").append('\n');
        }
        if (!i.excludedVips().isEmpty()) {
            b.append("   Virtual IP Excluded (").append(i.excludedVips().size()).append("):\n");
            for (String v : i.excludedVips()) {
                b.append("     ").append(v).append(i.vipSet() ? " set" : "").append('\n');
            }
        }
        SocketPool.Entry sockets = SocketPool.of(i.name());
        if (sockets != null) {
            b.append("   fd_in ").append(sockets.fdIn()).append(", fd_out ").append(sockets.fdOut()).append('\n');
        }
        List<DumpFacts.TrackedScript> scripts = facts.trackedScripts(i.name());
        if (!scripts.isEmpty()) {
            b.append("   Tracked scripts :\n");
            for (DumpFacts.TrackedScript t : scripts) {
                b.append("     ").append(t.script()).append(" weight ").append(t.weight()).append('\n');
            }
        }
        line(b, 3, "Using smtp notification", "no");
        line(b, 3, "Notify deleted", "Fault");
        line(b, 3, "Notify priority changes", facts.global() != null && facts.global().vrrp().notifyPriorityChanges());
    }

    private static void script(StringBuilder b, DumpFacts.Script s, List<InstanceStatus> instances) {
        line(b, 1, "VRRP Script", s.name());
        line(b, 3, "Command", commandLine(s.command()));
        line(b, 3, "Interval", s.intervalMicros() / 1_000_000 + " sec");
        // keepalived prints the timeout it was given (0 = none), we hold the effective one
        line(b, 3, "Timeout", s.timeoutMicros() == s.intervalMicros() ? "0 sec" : s.timeoutMicros() / 1_000_000 + " sec");
        line(b, 3, "Weight", s.weight());
        line(b, 3, "Rise", s.rise());
        line(b, 3, "Fall", s.fall());
        String status = scriptStatus(s, instances);
        // keepalived's result counts from 0 (down) to rise + fall - 1 (up); GOOD from rise on
        line(b, 3, "Result", status == null ? Math.max(0, s.rise() - 1) : status.equals("GOOD") ? s.rise() + s.fall() - 1 : 0);
        line(b, 3, "Insecure", "no");
        line(b, 3, "Init state", status == null ? "INIT" : "unknown"); // keepalived's "unknown" is "done"
        if (status != null) {
            line(b, 3, "Status", status);
        }
        line(b, 3, "Script uid:gid", "0:0");
        b.append("   VRRP instances :\n");
        b.append("   Tracking instances :\n");
        for (DumpFacts.TrackedBy t : s.trackedBy()) {
            b.append("     ").append(t.instance()).append(", weight ").append(t.weight()).append('\n');
        }
        line(b, 3, "State", "idle");
    }

    /** GOOD/BAD from the first tracking instance's last report of the script; null before any report. */
    private static String scriptStatus(DumpFacts.Script s, List<InstanceStatus> instances) {
        String tracker = "script " + s.name();
        for (DumpFacts.TrackedBy by : s.trackedBy()) {
            for (InstanceStatus i : instances) {
                if (!i.name().equals(by.instance())) {
                    continue;
                }
                for (TrackerStatus t : i.trackers()) {
                    if (t.name().equals(tracker)) {
                        boolean good = !t.fault() && (by.weight() <= 0 ? t.weight() == 0 : t.weight() > 0);
                        return good ? "GOOD" : "BAD";
                    }
                }
            }
        }
        return null;
    }

    /** keepalived's {@code cmd_str}: every argument in single quotes, separated by spaces. */
    static String commandLine(List<String> argv) {
        StringBuilder b = new StringBuilder();
        for (String a : argv) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append('\'').append(a).append('\'');
        }
        return b.toString();
    }

    /** {@code seconds.micros (Www Mmm dd hh:mm:ss.micros yyyy)}, as keepalived's dump prints a time. */
    static String time(long micros, ZoneId zone) {
        Instant at = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
        String wall = CTIME.format(at.atZone(zone));
        return JsonDump.seconds(micros) + " (" + wall + String.format(".%06d", micros % 1_000_000) + " "
                + at.atZone(zone).getYear() + ")";
    }

    private static void line(StringBuilder b, int indent, String name, Object value) {
        b.append(" ".repeat(indent)).append(name).append(" = ").append(value).append('\n');
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
