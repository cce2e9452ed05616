package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.ipvs.AddressFamily;
import io.jkeepalived.ipvs.IpvsDestination;
import io.jkeepalived.ipvs.IpvsInfo;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;
import io.jkeepalived.ipvs.IpvsStats;
import io.jkeepalived.ipvs.ServiceFlag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A table printed as {@code ipvsadm -Ln} prints it (ipvsadm.c's list_service/print_service_entry with FMT_NUMERIC),
 * and the {@code --stats} and {@code --rate} variants: the same header lines, columns and order (services by mark,
 * family, protocol, address, port; destinations by address and port).
 */
public final class IpvsadmFormat {
    /** Which columns. */
    public enum View { CONNECTIONS, STATS, RATE }

    private IpvsadmFormat() {
    }

    /** Everything in the namespace, with counters, as the client dumps it. */
    public static String list(io.jkeepalived.ipvs.IpvsClient client, View view) throws java.io.IOException {
        List<IpvsService> services = client.services();
        Map<IpvsServiceKey, List<IpvsDestination>> dests = new java.util.HashMap<>();
        for (IpvsService s : services) {
            dests.put(s.key(), client.destinations(s.key()));
        }
        return format(client.info(), services, dests, view);
    }

    /** Services and their destinations as dumped (with counters for STATS and RATE). */
    public static String format(IpvsInfo info, List<IpvsService> table, Map<IpvsServiceKey, List<IpvsDestination>> destinations,
                                View view) {
        StringBuilder out = new StringBuilder();
        if (info != null) {
            out.append("IP Virtual Server version ").append(info.version()).append(" (size=").append(info.connectionTableSize())
                    .append(")\n");
        }
        switch (view) {
            case CONNECTIONS -> out.append("Prot LocalAddress:Port Scheduler Flags\n")
                    .append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
            case STATS -> out.append(String.format("%-33s %8s %8s %8s %8s %8s%n", "Prot LocalAddress:Port", "Conns", "InPkts",
                    "OutPkts", "InBytes", "OutBytes")).append("  -> RemoteAddress:Port\n");
            case RATE -> out.append(String.format("%-33s %8s %8s %8s %8s %8s%n", "Prot LocalAddress:Port", "CPS", "InPPS",
                    "OutPPS", "InBPS", "OutBPS")).append("  -> RemoteAddress:Port\n");
        }
        List<IpvsService> services = new ArrayList<>(table);
        services.sort(IpvsadmFormat::compareServices);
        for (IpvsService s : services) {
            String id = serviceId(s.key());
            switch (view) {
                case CONNECTIONS -> out.append(id).append(' ').append(s.scheduler()).append(serviceFlags(s)).append('\n');
                case STATS -> out.append(String.format("%-33s", id)).append(stats(s.stats())).append('\n');
                case RATE -> out.append(String.format("%-33s", id)).append(rates(s.stats())).append('\n');
            }
            List<IpvsDestination> dests = new ArrayList<>(destinations.getOrDefault(s.key(), List.of()));
            dests.sort(IpvsadmFormat::compareDestinations);
            for (IpvsDestination d : dests) {
                String name = IpvsServiceKey.hostPort(d.address(), d.port());
                switch (view) {
                    case CONNECTIONS -> out.append(String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", name,
                            d.forwarding().ipvsadmName(), d.weight(), d.activeConnections(), d.inactiveConnections()));
                    case STATS -> out.append(String.format("  -> %-28s", name)).append(stats(d.stats())).append('\n');
                    case RATE -> out.append(String.format("  -> %-28s", name)).append(rates(d.stats())).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** "TCP  198.51.100.10:80", "FWM  8 IPv6". */
    static String serviceId(IpvsServiceKey k) {
        if (k.isFwmark()) {
            return "FWM  " + Integer.toUnsignedString(k.fwmark()) + (k.family() == AddressFamily.INET6 ? " IPv6" : "");
        }
        return String.format("%-4s %s", k.protocol().name(), IpvsServiceKey.hostPort(k.address(), k.port()));
    }

    /** " (sh-fallback,sh-port)", " persistent 300 mask 255.255.255.0", " ops". */
    static String serviceFlags(IpvsService s) {
        StringBuilder out = new StringBuilder();
        if ((s.scheduler().equals("sh") || s.scheduler().equals("mh"))
                && (s.flags().contains(ServiceFlag.SCHED1) || s.flags().contains(ServiceFlag.SCHED2))) {
            List<String> words = new ArrayList<>();
            if (s.flags().contains(ServiceFlag.SCHED1)) {
                words.add(s.scheduler() + "-fallback");
            }
            if (s.flags().contains(ServiceFlag.SCHED2)) {
                words.add(s.scheduler() + "-port");
            }
            out.append(" (").append(String.join(",", words)).append(')');
        }
        if (s.isPersistent()) {
            out.append(" persistent ").append(s.timeout());
            boolean v4 = s.key().family() == AddressFamily.INET;
            if (s.netmask() != (v4 ? 32 : 128)) {
                int m = s.netmask() == 0 ? 0 : -1 << (32 - s.netmask());
                out.append(" mask ").append(v4 ? (m >>> 24) + "." + ((m >>> 16) & 0xff) + "." + ((m >>> 8) & 0xff) + "." + (m & 0xff)
                        : Integer.toString(s.netmask()));
            }
            if (s.peName() != null) {
                out.append(" pe ").append(s.peName());
            }
        }
        if (s.flags().contains(ServiceFlag.ONE_PACKET)) {
            out.append(" ops");
        }
        return out.toString();
    }

    private static String stats(IpvsStats st) {
        IpvsStats s = st == null ? IpvsStats.ZERO : st;
        return String.format(" %8s %8s %8s %8s %8s", human(s.connections()), human(s.inPackets()), human(s.outPackets()),
                human(s.inBytes()), human(s.outBytes()));
    }

    private static String rates(IpvsStats st) {
        IpvsStats s = st == null ? IpvsStats.ZERO : st;
        return String.format(" %8s %8s %8s %8s %8s", human(s.connectionRate()), human(s.inPacketRate()), human(s.outPacketRate()),
                human(s.inByteRate()), human(s.outByteRate()));
    }

    /** ipvsadm's print_largenum: up to 8 digits as they are, then K, M, G, T with the value divided down. */
    static String human(long n) {
        if (Long.toUnsignedString(n).length() <= 8) {
            return Long.toUnsignedString(n);
        }
        String[] units = {"K", "M", "G", "T"};
        long v = n;
        int i = -1;
        while (Long.toUnsignedString(v).length() > 7 && i < units.length - 1) {
            v = Long.divideUnsigned(v, 1000);
            i++;
        }
        return v + units[i];
    }

    /** ipvsadm's sort order: fwmark, then family, protocol, address, port. */
    static int compareServices(IpvsService a, IpvsService b) {
        IpvsServiceKey x = a.key();
        IpvsServiceKey y = b.key();
        int r = Integer.compareUnsigned(x.fwmark(), y.fwmark());
        if (r == 0) {
            r = Integer.compare(x.family().code(), y.family().code());
        }
        if (r == 0 && !x.isFwmark()) {
            r = Integer.compare(x.protocol().number(), y.protocol().number());
            if (r == 0) {
                r = Arrays.compareUnsigned(x.address().getAddress(), y.address().getAddress());
            }
            if (r == 0) {
                r = Integer.compare(x.port(), y.port());
            }
        }
        return r;
    }

    static int compareDestinations(IpvsDestination a, IpvsDestination b) {
        int r = Integer.compare(a.address().getAddress().length, b.address().getAddress().length);
        if (r == 0) {
            r = Arrays.compareUnsigned(a.address().getAddress(), b.address().getAddress());
        }
        return r != 0 ? r : Integer.compare(a.port(), b.port());
    }
}
