package io.jkeepalived.daemon.ops;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The -a lines as keepalived 2.2.7 wrote them (keepalived -n -l -P -a in a namespace), and the helpers of -a / -u. */
class AddressLinesTest {
    @Test
    void vrrpLinesNameTheInterface() throws Exception {
        assertThat(AddressLines.vrrp(InetAddress.getByName("198.51.100.7"), true, "eth0"))
                .isEqualTo("Netlink reflector reports IP 198.51.100.7 added to eth0");
        assertThat(AddressLines.vrrp(InetAddress.getByName("2001:db8::7"), true, "eth0"))
                .isEqualTo("Netlink reflector reports IP 2001:db8::7 added to eth0");
        assertThat(AddressLines.vrrp(InetAddress.getByName("198.51.100.7"), false, "eth0"))
                .isEqualTo("Netlink reflector reports IP 198.51.100.7 removed from eth0");
        assertThat(AddressLines.vrrp(InetAddress.getByName("fe80::e822:8aff:fe1c:89f"), true, "p0"))
                .isEqualTo("Netlink reflector reports IP fe80::e822:8aff:fe1c:89f added to p0");
    }

    @Test
    void checkerLinesDoNot() throws Exception {
        assertThat(AddressLines.checker(InetAddress.getByName("203.0.113.9"), true))
                .isEqualTo("Netlink reflector reports IP 203.0.113.9 added");
        assertThat(AddressLines.checker(InetAddress.getByName("2001:db8:0:0:0:0:0:1"), false))
                .isEqualTo("Netlink reflector reports IP 2001:db8::1 removed");
    }

    @Test
    void ownPortsComeFromTheNetlinkTableAndOurInodes() {
        List<String> table = List.of(
                "s                Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode",
                "0000000000000000 0   4242       00000000 0        0        0     2        0        1001",
                "0000000000000000 0   3221225473 00000111 0        0        0     2        0        1002",
                "0000000000000000 0   777        00000000 0        0        0     2        0        1003");
        assertThat(OwnNetlinkPorts.portsOf(table, Set.of(1001L, 1002L)))
                .containsExactlyInAnyOrder(4242, (int) 3221225473L);
    }

    @Test
    void ownPortsOfThisProcessIncludeASocketWeOpen() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/net/netlink")),
                "needs /proc/self/net/netlink");
        try (io.jkeepalived.netlink.NetlinkSocket s = io.jkeepalived.netlink.NetlinkSocket.open(
                io.jkeepalived.netlink.NetlinkSocket.Protocol.ROUTE, 0)) {
            OwnNetlinkPorts ports = OwnNetlinkPorts.ofThisProcess();
            assertThat(ports.contains(s.portId())).isTrue();
            assertThat(ports.contains(0)).as("the kernel's own changes").isFalse();
        }
    }

    @Test
    void dumpModesFollowTheMask() {
        assertThat(PosixFilePermissions.toString(FileMask.permissions(0666 & ~FileMask.KEEPALIVED_DEFAULT))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(FileMask.permissions(0666 & ~022))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(FileMask.permissions(0754))).isEqualTo("rwxr-xr--");
    }
}
