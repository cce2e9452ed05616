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
 * {@code name = value} lines for what jkeepalived has. Lines about keepalived internals jkeepalived has no
 * equivalent of (file descriptors, the socket pool, the interface table, nftables) are left out. Pure: the time
 * zone is a parameter.
 */
public final class DataDump {
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss", Locale.ENGLISH);

    private DataDump() {
    }

    public static String format(List<InstanceStatus> instances, DumpFacts facts, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        if (facts.global() != null) {
            global(b, facts);
        }
        b.append("------< VRRP Topology >------\n");
        for (InstanceStatus i : instances) {
            instance(b, i, facts, zone);
        }
        if (!facts.scripts().isEmpty()) {
            b.append("------< VRRP Scripts >------\n");
            for (DumpFacts.Script s : facts.scripts()) {
                script(b, s, instances);
            }
        }
        return b.toString();
    }

    private static void global(StringBuilder b, DumpFacts facts) {
        GlobalDefs g = facts.global();
        b.append("------< Global definitions >------\n");
        line(b, 1, "Router ID", facts.routerId() == null ? hostName() : facts.routerId());
        line(b, 1, "Default interface", g.vrrp().defaultInterface());
        line(b, 1, "VRRP IPv4 mcast group", g.vrrp().mcastGroup4() == null ? "224.0.0.18" : g.vrrp().mcastGroup4());
        line(b, 1, "VRRP IPv6 mcast group", g.vrrp().mcastGroup6() == null ? "ff02::12" : g.vrrp().mcastGroup6());
        GlobalDefs.GarpDefaults garp = g.garp();
        line(b, 1, "Gratuitous ARP delay", garp.masterDelayMicros() / 1_000_000);
        line(b, 1, "Gratuitous ARP repeat", garp.masterRepeat());
        line(b, 1, "Gratuitous ARP refresh timer", garp.masterRefreshMicros() / 1_000_000);
        line(b, 1, "Gratuitous ARP refresh repeat", garp.masterRefreshRepeat());
        line(b, 1, "Num adverts before down", g.vrrp().downTimerAdverts());
        line(b, 1, "Send advert after receive lower priority advert", !g.vrrp().lowerPrioNoAdvert());
        line(b, 1, "Send advert after receive higher priority advert", g.vrrp().higherPrioSendAdvert());
        line(b, 1, "VRRP default protocol version", g.vrrp().version());
        line(b, 1, "VRRP check unicast_src", g.vrrp().checkUnicastSrc());
        line(b, 1, "VRRP skip check advert addresses", g.vrrp().skipCheckAdvAddr());
        line(b, 1, "VRRP strict mode", g.vrrp().strict());
    }

    private static void instance(StringBuilder b, InstanceStatus i, DumpFacts facts, ZoneId zone) {
        VrrpInstanceConfig c = i.config();
        line(b, 1, "VRRP Instance", i.name());
        line(b, 3, "VRRP Version", c.version());
        line(b, 3, "State", i.state());
        b.append("   Flags: none\n");
        line(b, 3, "Wantstate", i.wantState());
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
        line(b, 3, "Preempt", c.nopreempt() ? "disabled" : "enabled");
        if (!c.preemptDelay().isZero()) {
            line(b, 3, "Preempt delay", c.preemptDelay().toSeconds() + " secs");
        }
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
        List<DumpFacts.TrackedScript> scripts = facts.trackedScripts(i.name());
        if (!scripts.isEmpty()) {
            b.append("   Tracked scripts :\n");
            for (DumpFacts.TrackedScript t : scripts) {
                b.append("     ").append(t.script()).append(" weight ").append(t.weight()).append('\n');
            }
        }
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
        if (status != null) {
            line(b, 3, "Status", status);
        }
        b.append("   Tracking instances :\n");
        for (DumpFacts.TrackedBy t : s.trackedBy()) {
            b.append("     ").append(t.instance()).append(", weight ").append(t.weight()).append('\n');
        }
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
