package io.jkeepalived.netlink;

import io.jkeepalived.netlink.rtnl.FibRuleHdr;
import io.jkeepalived.netlink.rtnl.IfInfoMsg;
import io.jkeepalived.netlink.rtnl.IpRoute;
import io.jkeepalived.netlink.rtnl.IpRule;
import io.jkeepalived.netlink.rtnl.RtMsg;
import io.jkeepalived.netlink.rtnl.Rtnetlink;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Not a test: re-captures the kernel's route, rule and macvlan replies frozen under captured/ (as root, in a
 * namespace jk-vmac-capture it creates and deletes), as {@link CaptureReplies} does for links and addresses:
 * {@code java -cp <test classpath> io.jkeepalived.netlink.CaptureRouteReplies netlink/src/test/resources/io/jkeepalived/netlink/captured}.
 */
public final class CaptureRouteReplies {
    private CaptureRouteReplies() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        String ns = "jk-vmac-capture";
        TestNamespace.run("ip", "netns", "add", ns);
        try {
            TestNamespace.run("ip", "-n", ns, "link", "add", "jk-va", "address", "02:00:5e:00:01:07", "type", "veth", "peer", "name", "jk-vb");
            TestNamespace.run("ip", "-n", ns, "link", "set", "jk-va", "up");
            TestNamespace.run("ip", "-n", ns, "addr", "add", "198.51.100.7/24", "dev", "jk-va");
            TestNamespace.run("ip", "-n", ns, "link", "add", "link", "jk-va", "name", "vrrp.51", "address", "00:00:5e:00:01:33",
                    "type", "macvlan", "mode", "private");
            TestNamespace.run("ip", "-n", ns, "route", "add", "203.0.113.0/24", "via", "198.51.100.254", "dev", "jk-va",
                    "proto", "18", "metric", "20", "table", "1000", "onlink");
            TestNamespace.run("ip", "-n", ns, "route", "add", "203.0.113.64/26", "proto", "18",
                    "nexthop", "via", "198.51.100.2", "dev", "jk-va", "weight", "1",
                    "nexthop", "via", "198.51.100.3", "dev", "jk-va", "weight", "3");
            TestNamespace.run("ip", "-n", ns, "rule", "add", "not", "from", "198.51.100.0/24", "to", "203.0.113.0/24",
                    "fwmark", "0x10/0xff", "iif", "jk-va", "lookup", "1000", "priority", "100");
            NetworkNamespace.callIn(ns, () -> {
                try (NetlinkSocket route = NetlinkSocket.open(NetlinkSocket.Protocol.ROUTE, 0)) {
                    Duration t = Duration.ofSeconds(5);
                    for (NetlinkMessage m : route.dump(IfInfoMsg.dumpRequest(route.nextSequence()), "RTM_GETLINK", t)) {
                        if (IfInfoMsg.decode(m).name().equals("vrrp.51")) {
                            CaptureReplies.write(dir.resolve("rtm_newlink-macvlan.hex"), m);
                        }
                    }
                    for (NetlinkMessage m : route.dump(RtMsg.dumpRequest(route.nextSequence(), Rtnetlink.AF_INET), "RTM_GETROUTE", t)) {
                        IpRoute r = RtMsg.decode(m);
                        if (InetAddress.getByName("203.0.113.0").equals(r.destination())) {
                            CaptureReplies.write(dir.resolve("rtm_newroute-via.hex"), m);
                        } else if (InetAddress.getByName("203.0.113.64").equals(r.destination())) {
                            CaptureReplies.write(dir.resolve("rtm_newroute-multipath.hex"), m);
                        }
                    }
                    for (NetlinkMessage m : route.dump(FibRuleHdr.dumpRequest(route.nextSequence(), Rtnetlink.AF_INET), "RTM_GETRULE", t)) {
                        IpRule r = FibRuleHdr.decode(m);
                        if (r.priority() == 100) {
                            CaptureReplies.write(dir.resolve("rtm_newrule-not.hex"), m);
                        }
                    }
                }
                return null;
            });
        } finally {
            TestNamespace.run("ip", "netns", "delete", ns);
        }
    }
}
