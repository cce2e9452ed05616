package io.jkeepalived.netlink;

import io.jkeepalived.netlink.genl.CtrlMessages;
import io.jkeepalived.netlink.rtnl.Address;
import io.jkeepalived.netlink.rtnl.IfAddrMsg;
import io.jkeepalived.netlink.rtnl.IfInfoMsg;
import io.jkeepalived.netlink.rtnl.Rtnetlink;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Not a test: re-captures the kernel replies frozen under src/test/resources/io/jkeepalived/netlink/captured/
 * (as root, in a namespace jk-nl-capture it creates and deletes):
 * {@code java -cp <test classpath> io.jkeepalived.netlink.CaptureReplies netlink/src/test/resources/io/jkeepalived/netlink/captured}.
 * The veth gets a fixed MAC so the capture is readable; counters and timestamps are whatever the kernel had.
 */
public final class CaptureReplies {
    private CaptureReplies() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        TestNamespace.run("ip", "netns", "add", "jk-nl-capture");
        try {
            String ns = "jk-nl-capture";
            TestNamespace.run("ip", "-n", ns, "link", "add", "jk-va", "address", "02:00:5e:00:01:07", "type", "veth", "peer", "name", "jk-vb");
            TestNamespace.run("ip", "-n", ns, "link", "set", "jk-va", "up");
            TestNamespace.run("ip", "-n", ns, "addr", "add", "198.51.100.7/24", "brd", "198.51.100.255", "dev", "jk-va", "label", "jk-va:vip");
            TestNamespace.run("ip", "-n", ns, "addr", "add", "2001:db8::7/64", "dev", "jk-va", "nodad");
            NetworkNamespace.callIn(ns, () -> {
                try (NetlinkSocket route = NetlinkSocket.open(NetlinkSocket.Protocol.ROUTE, 0);
                     NetlinkSocket generic = NetlinkSocket.open(NetlinkSocket.Protocol.GENERIC, 0)) {
                    for (NetlinkMessage m : route.dump(IfInfoMsg.dumpRequest(route.nextSequence()), "RTM_GETLINK", Duration.ofSeconds(5))) {
                        if (IfInfoMsg.decode(m).name().equals("jk-va")) {
                            write(dir.resolve("rtm_newlink-veth.hex"), m);
                        }
                    }
                    for (NetlinkMessage m : route.dump(IfAddrMsg.dumpRequest(route.nextSequence(), Rtnetlink.AF_UNSPEC), "RTM_GETADDR", Duration.ofSeconds(5))) {
                        Address a = IfAddrMsg.decode(m);
                        if (a.ip().equals(InetAddress.getByName("198.51.100.7"))) {
                            write(dir.resolve("rtm_newaddr-ipv4.hex"), m);
                        } else if (a.ip().equals(InetAddress.getByName("2001:db8::7"))) {
                            write(dir.resolve("rtm_newaddr-ipv6.hex"), m);
                        }
                    }
                    int index = Interfaces.indexOf("jk-va");
                    route.send(IfAddrMsg.newAddress(route.nextSequence(), Address.of(index, InetAddress.getByName("198.51.100.7"), 24)));
                    write(dir.resolve("nlmsg_error-eexist.hex"), route.receive(Duration.ofSeconds(5)).get(0));
                    // An acknowledged request: NLMSG_ERROR with error 0.
                    route.send(IfAddrMsg.newAddress(route.nextSequence(), Address.of(index, InetAddress.getByName("198.51.100.8"), 24).withLabel("jk-va:ack")));
                    write(dir.resolve("nlmsg_error-ack.hex"), route.receive(Duration.ofSeconds(5)).get(0));
                    List<NetlinkMessage> family = generic.request(CtrlMessages.getFamily(generic.nextSequence(), "nlctrl"), "CTRL_CMD_GETFAMILY", Duration.ofSeconds(5));
                    write(dir.resolve("ctrl_newfamily-nlctrl.hex"), family.get(0));
                }
                return null;
            });
        } finally {
            TestNamespace.run("ip", "netns", "delete", "jk-nl-capture");
        }
    }

    /** The whole message, header included, as hex, 32 bytes a line. */
    static void write(Path file, NetlinkMessage m) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(m.header().length()).order(ByteOrder.nativeOrder());
        b.putInt(m.header().length()).putShort((short) m.type()).putShort((short) m.flags()).putInt(m.seq()).putInt(m.header().pid());
        b.put(m.payload().duplicate().clear());
        String hex = HexFormat.of().formatHex(b.array());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 64) {
            out.append(hex, i, Math.min(hex.length(), i + 64)).append('\n');
        }
        Files.writeString(file, out.toString());
        System.out.println(file + ": " + b.capacity() + " bytes");
    }
}
