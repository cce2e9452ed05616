package io.jkeepalived.e2e.ipvs;

import io.jkeepalived.ipvs.AddressFamily;
import io.jkeepalived.ipvs.ConfigMessages;
import io.jkeepalived.ipvs.DaemonMessages;
import io.jkeepalived.ipvs.DestinationMessages;
import io.jkeepalived.ipvs.ForwardingMethod;
import io.jkeepalived.ipvs.InfoMessages;
import io.jkeepalived.ipvs.IpvsClient;
import io.jkeepalived.ipvs.IpvsDestination;
import io.jkeepalived.ipvs.IpvsException;
import io.jkeepalived.ipvs.IpvsProtocol;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;
import io.jkeepalived.ipvs.IpvsSyncDaemon;
import io.jkeepalived.ipvs.IpvsTimeouts;
import io.jkeepalived.ipvs.ServiceFlag;
import io.jkeepalived.ipvs.ServiceMessages;
import io.jkeepalived.ipvs.SyncState;
import io.jkeepalived.ipvs.TunnelChecksum;
import io.jkeepalived.ipvs.TunnelType;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NetlinkSocket;
import io.jkeepalived.netlink.NlMsgHeader;
import io.jkeepalived.netlink.genl.GenericNetlink;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs inside the kernel-lab guest (the host kernel has no IPVS): drives IPVS with {@link IpvsClient} through every
 * kind of service and destination, and after each phase prints what the client dumps next to what ipvsadm and
 * /proc/net/ip_vs say, between "=== phase" markers, for {@link IpvsKernelLabTest} to compare on the host. Also
 * prints raw kernel replies as "hex name ..." lines (how the ipvs module's captured/*.hex files were frozen).
 */
public final class IpvsGuestDriver {
    static final InetAddress VIP = ip("198.51.100.10");
    static final InetAddress VIP2 = ip("198.51.100.11");
    static final InetAddress VIP3 = ip("198.51.100.12");
    static final InetAddress VIP6 = ip("2001:db8::10");

    static final IpvsServiceKey TCP80 = IpvsServiceKey.of(IpvsProtocol.TCP, VIP, 80);
    static final IpvsServiceKey UDP53 = IpvsServiceKey.of(IpvsProtocol.UDP, VIP, 53);
    static final IpvsServiceKey SCTP9000 = IpvsServiceKey.of(IpvsProtocol.SCTP, VIP2, 9000);
    static final IpvsServiceKey UDP514 = IpvsServiceKey.of(IpvsProtocol.UDP, VIP3, 514);
    static final IpvsServiceKey TCP6_443 = IpvsServiceKey.of(IpvsProtocol.TCP, VIP6, 443);
    static final IpvsServiceKey FWM7 = IpvsServiceKey.fwmark(AddressFamily.INET, 7);
    static final IpvsServiceKey FWM8 = IpvsServiceKey.fwmark(AddressFamily.INET6, 8);

    private IpvsGuestDriver() {
    }

    public static void main(String[] args) throws Exception {
        try (IpvsClient ipvs = IpvsClient.open()) {
            System.out.println("info " + ipvs.info().version() + " size=" + ipvs.info().connectionTableSize());
            ipvs.flush();
            added(ipvs);
            traffic(ipvs);
            phase(ipvs, "added");
            captures(ipvs);
            edited(ipvs);
            phase(ipvs, "edited");
            errors(ipvs);
            deleted(ipvs);
            phase(ipvs, "deleted");
            daemons(ipvs);
            ipvs.flush();
            phase(ipvs, "flushed");
        }
        System.out.println("=== end");
    }

    private static void added(IpvsClient ipvs) throws IOException {
        ipvs.addService(IpvsService.of(TCP80, "rr"));
        ipvs.addService(IpvsService.of(UDP53, "wlc").withPersistence(300, 24));
        ipvs.addService(IpvsService.of(SCTP9000, "sh").withFlags(EnumSet.of(ServiceFlag.SH_FALLBACK, ServiceFlag.SH_PORT)));
        ipvs.addService(IpvsService.of(UDP514, "rr").withFlags(Set.of(ServiceFlag.ONE_PACKET)));
        ipvs.addService(IpvsService.of(TCP6_443, "mh").withFlags(Set.of(ServiceFlag.MH_PORT)).withPersistence(120, 64));
        ipvs.addService(IpvsService.of(FWM7, "wrr").withPersistence(600, 32));
        ipvs.addService(IpvsService.of(FWM8, "lc"));

        ipvs.addDestination(TCP80, IpvsDestination.of(ip("203.0.113.2"), 80, ForwardingMethod.MASQ));
        ipvs.addDestination(TCP80, IpvsDestination.of(ip("203.0.113.3"), 8080, ForwardingMethod.MASQ).withWeight(5).withThresholds(100, 10));
        ipvs.addDestination(UDP53, IpvsDestination.of(ip("203.0.113.4"), 53, ForwardingMethod.DIRECT_ROUTE).withWeight(2));
        ipvs.addDestination(SCTP9000, IpvsDestination.of(ip("203.0.113.5"), 9000, ForwardingMethod.TUNNEL));
        ipvs.addDestination(UDP514, IpvsDestination.of(ip("203.0.113.7"), 514, ForwardingMethod.MASQ).withWeight(0));
        ipvs.addDestination(TCP6_443, IpvsDestination.of(ip("2001:db8::20"), 443, ForwardingMethod.TUNNEL)
                .withTunnel(TunnelType.GUE, 6080, TunnelChecksum.CSUM));
        ipvs.addDestination(TCP6_443, IpvsDestination.of(ip("2001:db8::21"), 443, ForwardingMethod.TUNNEL)
                .withTunnel(TunnelType.GRE, 0, TunnelChecksum.CSUM));
        ipvs.addDestination(TCP6_443, IpvsDestination.of(ip("2001:db8::22"), 443, ForwardingMethod.DIRECT_ROUTE).withWeight(7));
        ipvs.addDestination(FWM7, IpvsDestination.of(ip("203.0.113.6"), 0, ForwardingMethod.DIRECT_ROUTE).withWeight(3));
        // A mixed-family destination: an IPv6 real server behind an IPv4 service, only possible tunnelled.
        ipvs.addDestination(FWM7, IpvsDestination.of(ip("2001:db8::23"), 0, ForwardingMethod.TUNNEL));
        ipvs.addDestination(FWM8, IpvsDestination.of(ip("2001:db8::24"), 0, ForwardingMethod.MASQ).withWeight(4));
    }

    /**
     * Three datagrams to UDP 198.51.100.10:53 (on this namespace's lo): IPVS's LOCAL_IN hook schedules them to the DR
     * destination (which does not exist, so they go nowhere), counting one connection and three packets, so the
     * dumps carry non-zero counters.
     */
    private static void traffic(IpvsClient ipvs) throws IOException, InterruptedException {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
            byte[] payload = "jk-ipvs-stats".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 3; i++) {
                socket.send(new java.net.DatagramPacket(payload, payload.length, VIP, 53));
            }
        }
        // The kernel folds its per-CPU counters into what dumps report only when its rate estimator runs (every
        // 2 s): wait for that, so that the client and ipvsadm, a moment later, see the same totals.
        for (int i = 0; i < 300; i++) {
            if (ipvs.service(UDP53).map(s -> s.stats().inPackets() >= 3).orElse(false)) {
                System.out.println("traffic counted after " + i * 100 + " ms");
                return;
            }
            Thread.sleep(100);
        }
        System.out.println("traffic not counted within 30 s");
    }

    private static void edited(IpvsClient ipvs) throws IOException {
        ipvs.editService(IpvsService.of(TCP80, "wlc"));
        ipvs.editService(IpvsService.of(UDP53, "wlc").withPersistence(900, 16));
        ipvs.editService(IpvsService.of(SCTP9000, "sh").withFlags(Set.of(ServiceFlag.SH_PORT)));
        ipvs.editService(IpvsService.of(FWM8, "sed"));
        ipvs.editDestination(TCP80, IpvsDestination.of(ip("203.0.113.3"), 8080, ForwardingMethod.MASQ).withWeight(0).withThresholds(200, 20));
        ipvs.editDestination(UDP53, IpvsDestination.of(ip("203.0.113.4"), 53, ForwardingMethod.TUNNEL).withWeight(9));
        ipvs.editDestination(TCP6_443, IpvsDestination.of(ip("2001:db8::20"), 443, ForwardingMethod.TUNNEL)
                .withTunnel(TunnelType.GUE, 6081, TunnelChecksum.REMCSUM));
        ipvs.setTimeouts(new IpvsTimeouts(900, 120, 300));
        IpvsTimeouts t = ipvs.timeouts();
        System.out.println("client Timeout (tcp tcpfin udp): " + t.tcp() + " " + t.tcpFin() + " " + t.udp());
    }

    private static void errors(IpvsClient ipvs) {
        System.out.println("=== errors");
        attempt(() -> ipvs.addService(IpvsService.of(TCP80, "rr")));
        attempt(() -> ipvs.addService(IpvsService.of(IpvsServiceKey.of(IpvsProtocol.TCP, VIP, 81), "nosuchsched")));
        attempt(() -> ipvs.deleteService(IpvsServiceKey.of(IpvsProtocol.TCP, VIP, 82)));
        attempt(() -> ipvs.addDestination(TCP80, IpvsDestination.of(ip("203.0.113.2"), 80, ForwardingMethod.MASQ)));
        attempt(() -> ipvs.deleteDestination(TCP80, ip("203.0.113.99"), 80));
        attempt(() -> ipvs.addDestination(IpvsServiceKey.of(IpvsProtocol.UDP, VIP, 99), IpvsDestination.of(ip("203.0.113.2"), 99, ForwardingMethod.MASQ)));
        attempt(() -> System.out.println("missing service lookup: " + ipvs.service(IpvsServiceKey.of(IpvsProtocol.TCP, VIP, 83))));
        attempt(() -> System.out.println("service lookup: " + ipvs.service(TCP80).map(s -> s.key() + " " + s.scheduler()).orElse("none")));
    }

    private static void deleted(IpvsClient ipvs) throws IOException {
        ipvs.deleteDestination(TCP80, ip("203.0.113.2"), 80);
        ipvs.deleteDestination(FWM7, ip("2001:db8::23"), 0);
        ipvs.deleteService(SCTP9000);
        ipvs.deleteService(FWM8);
    }

    private static void daemons(IpvsClient ipvs) throws Exception {
        ipvs.startSyncDaemon(new IpvsSyncDaemon(SyncState.MASTER, "jk-sync", 51, 1400, ip("239.255.0.81"), 8850, 2));
        ipvs.startSyncDaemon(IpvsSyncDaemon.of(SyncState.BACKUP, "jk-sync", 52));
        System.out.println("=== daemons");
        for (IpvsSyncDaemon d : ipvs.syncDaemons()) {
            System.out.println("client daemon " + d.state().name().toLowerCase() + " sync daemon (mcast=" + d.interfaceName()
                    + ", syncid=" + d.syncId() + ", maxlen=" + d.maxLength() + ", group=" + d.group().getHostAddress()
                    + ", port=" + d.port() + ", ttl=" + d.ttl() + ")");
        }
        captureDump(ipvs, "ipvs_new_daemon-master", DaemonMessages.dumpDaemons(ipvs.familyId(), 1), 0);
        shell("ipvsadm -L --daemon");
        attempt(() -> ipvs.startSyncDaemon(IpvsSyncDaemon.of(SyncState.MASTER, "jk-sync", 53)));
        ipvs.stopSyncDaemon(SyncState.MASTER);
        ipvs.stopSyncDaemon(SyncState.BACKUP);
        System.out.println("daemons after stop " + ipvs.syncDaemons());
    }

    interface Step {
        void run() throws IOException;
    }

    private static void attempt(Step step) {
        try {
            step.run();
            System.out.println("error none");
        } catch (IpvsException e) {
            System.out.println("error " + e.getMessage() + " [" + e.errnoName() + "]");
        } catch (IOException | RuntimeException e) {
            System.out.println("error unexpected " + e);
        }
    }

    /**
     * Prints the client's dump rendered the way ipvsadm prints it ("--- client ..." sections) next to what ipvsadm and
     * /proc/net/ip_vs print, all from the same kernel state.
     */
    private static void phase(IpvsClient ipvs, String name) throws Exception {
        System.out.println("=== " + name);
        StringBuilder list = new StringBuilder();
        StringBuilder stats = new StringBuilder();
        StringBuilder tun = new StringBuilder();
        StringBuilder proc = new StringBuilder();
        for (IpvsService s : ipvs.services()) {
            String id = serviceId(s.key());
            list.append(id).append(' ').append(s.scheduler()).append(serviceFlags(s)).append('\n');
            tun.append(id).append(' ').append(s.scheduler()).append(serviceFlags(s)).append('\n');
            stats.append(id).append(' ').append(counters(s.stats())).append('\n');
            proc.append(procService(s)).append('\n');
            for (IpvsDestination d : ipvs.destinations(s.key())) {
                String dest = "  -> " + hostPort(d.address(), d.port()) + " " + d.forwarding().ipvsadmName();
                String conns = d.weight() + " " + d.activeConnections() + " " + d.inactiveConnections();
                list.append(dest).append(' ').append(conns).append('\n');
                tun.append(dest).append(' ').append(tunnelInfo(d)).append(' ').append(conns).append('\n');
                stats.append("  -> ").append(hostPort(d.address(), d.port())).append(' ').append(counters(d.stats())).append('\n');
                proc.append("  -> ").append(procAddress(d.address(), d.port())).append(' ').append(d.forwarding().ipvsadmName())
                        .append(' ').append(d.weight()).append('\n');
            }
        }
        System.out.print("--- client -Ln\n" + list + "--- client -Ln --stats\n" + stats + "--- client -Ln --tun-info\n" + tun
                + "--- client /proc/net/ip_vs\n" + proc);
        System.out.println("--- ipvsadm -Ln");
        shell("ipvsadm -Ln");
        System.out.println("--- ipvsadm -Ln --stats");
        shell("ipvsadm -Ln --stats");
        System.out.println("--- ipvsadm -Ln --tun-info");
        shell("ipvsadm -Ln --tun-info");
        System.out.println("--- /proc/net/ip_vs");
        shell("cat /proc/net/ip_vs");
        System.out.println("--- ipvsadm -L --timeout");
        shell("ipvsadm -L --timeout");
        System.out.println("--- end " + name);
    }

    /** "TCP  198.51.100.10:80", "FWM  8 IPv6", as ipvsadm's first column. */
    static String serviceId(IpvsServiceKey k) {
        if (k.isFwmark()) {
            return "FWM  " + Integer.toUnsignedString(k.fwmark()) + (k.family() == AddressFamily.INET6 ? " IPv6" : "");
        }
        return String.format("%-4s %s", k.protocol().name(), hostPort(k.address(), k.port()));
    }

    /** ipvsadm's flag words: "(sh-fallback,sh-port)" for sh/mh, persistence with a mask that is not a single host, ops. */
    static String serviceFlags(IpvsService s) {
        StringBuilder out = new StringBuilder();
        if ((s.scheduler().equals("sh") || s.scheduler().equals("mh"))
                && (s.flags().contains(ServiceFlag.SCHED1) || s.flags().contains(ServiceFlag.SCHED2))) {
            java.util.List<String> words = new java.util.ArrayList<>();
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
                out.append(" mask ").append(v4 ? dotted(s.netmask()) : Integer.toString(s.netmask()));
            }
        }
        if (s.flags().contains(ServiceFlag.ONE_PACKET)) {
            out.append(" ops");
        }
        return out.toString();
    }

    static String dotted(int prefix) {
        int m = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (m >>> 24) + "." + ((m >>> 16) & 0xff) + "." + ((m >>> 8) & 0xff) + "." + (m & 0xff);
    }

    static String tunnelInfo(IpvsDestination d) {
        if (d.forwarding() != ForwardingMethod.TUNNEL) {
            return "n/a";
        }
        String csum = switch (d.tunnelChecksum()) {
            case NOCSUM -> "-c";
            case CSUM -> "+c";
            case REMCSUM -> "r+c";
        };
        return switch (d.tunnelType()) {
            case IPIP -> "ipip";
            case GUE -> "gue:" + d.tunnelPort() + ":" + csum;
            case GRE -> "gre:" + csum;
        };
    }

    static String counters(io.jkeepalived.ipvs.IpvsStats st) {
        return st.connections() + " " + st.inPackets() + " " + st.outPackets() + " " + st.inBytes() + " " + st.outBytes();
    }

    /** The kernel's own /proc/net/ip_vs columns: protocol, hex address:port (or mark), scheduler. */
    static String procService(IpvsService s) {
        IpvsServiceKey k = s.key();
        if (k.isFwmark()) {
            return String.format("FWM %08X %s", k.fwmark(), s.scheduler());
        }
        return k.protocol().name() + " " + procAddress(k.address(), k.port()) + " " + s.scheduler();
    }

    static String procAddress(InetAddress a, int port) {
        byte[] b = a.getAddress();
        StringBuilder out = new StringBuilder();
        if (b.length == 4) {
            for (byte x : b) {
                out.append(String.format("%02X", x & 0xff));
            }
        } else {
            out.append('[');
            for (int i = 0; i < 16; i += 2) {
                out.append(i == 0 ? "" : ":").append(String.format("%02x%02x", b[i] & 0xff, b[i + 1] & 0xff));
            }
            out.append(']');
        }
        return out + String.format(":%04X", port);
    }

    /** Raw replies, printed as hex to be frozen in ipvs/src/test/resources/io/jkeepalived/ipvs/captured/. */
    private static void captures(IpvsClient ipvs) throws IOException {
        int family = ipvs.familyId();
        List<IpvsService> services = ipvs.services();
        for (int i = 0; i < services.size(); i++) {
            IpvsServiceKey k = services.get(i).key();
            String name = k.isFwmark() ? "fwm" + Integer.toUnsignedString(k.fwmark()) + "-" + k.family().label()
                    : k.protocol().name().toLowerCase() + "-" + k.family().label() + "-" + k.port();
            captureDump(ipvs, "ipvs_new_service-" + name.toLowerCase(), ServiceMessages.dumpServices(family, 1), i);
        }
        captureDump(ipvs, "ipvs_new_dest-masq-thresholds", DestinationMessages.dumpDests(family, 1, TCP80), -1);
        captureDump(ipvs, "ipvs_new_dest-ipv6-tunnels", DestinationMessages.dumpDests(family, 1, TCP6_443), -1);
        captureDump(ipvs, "ipvs_new_dest-mixed-family", DestinationMessages.dumpDests(family, 1, FWM7), -1);
        try (GenericNetlink g = GenericNetlink.open()) {
            NetlinkSocket s = g.socket();
            printHex("ipvs_set_config", s.request(ConfigMessages.getConfig(family, s.nextSequence()), "GET_CONFIG", Duration.ofSeconds(5)).get(0));
            printHex("ipvs_set_info", s.request(InfoMessages.getInfo(family, s.nextSequence()), "GET_INFO", Duration.ofSeconds(5)).get(0));
            s.send(ServiceMessages.newService(family, s.nextSequence(), IpvsService.of(TCP80, "rr")));
            printHex("nlmsg_error-eexist-service", s.receive(Duration.ofSeconds(5)).get(0));
        }
    }

    /** Prints dump part {@code index} (-1: every part, numbered) of a fresh dump. */
    private static void captureDump(IpvsClient ipvs, String name, ByteBuffer request, int index) throws IOException {
        try (GenericNetlink g = GenericNetlink.open()) {
            NetlinkSocket s = g.socket();
            request.putInt(NlMsgHeader.SEQ, s.nextSequence());
            List<NetlinkMessage> parts = s.dump(request, "dump", Duration.ofSeconds(5));
            if (index >= 0) {
                printHex(name, parts.get(index));
            } else {
                for (int i = 0; i < parts.size(); i++) {
                    printHex(name + "-" + i, parts.get(i));
                }
            }
        }
    }

    private static void printHex(String name, NetlinkMessage m) {
        ByteBuffer b = ByteBuffer.allocate(NlMsgHeader.SIZE + m.payload().remaining()).order(ByteOrder.nativeOrder());
        b.putInt(b.capacity()).putShort((short) m.type()).putShort((short) m.flags()).putInt(m.seq()).putInt(m.header().pid());
        b.put(m.payload().duplicate());
        System.out.println("hex " + name + " " + HexFormat.of().formatHex(b.array()));
    }

    static void shell(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        System.out.print(out);
    }

    static String hostPort(InetAddress a, int port) {
        return IpvsServiceKey.hostPort(a, port);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
