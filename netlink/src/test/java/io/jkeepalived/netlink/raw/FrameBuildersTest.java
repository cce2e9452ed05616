package io.jkeepalived.netlink.raw;

import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameBuildersTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * Frame 2 of the v3-adv1 capture of vrrp/src/test/golden/recapture.sh: keepalived 2.2.7's gratuitous ARP for the
     * virtual address 198.51.100.100 from 02:00:00:00:00:02, as dumpcap saw it in the jk-garp-g* namespaces.
     */
    private static final String KEEPALIVED_GARP =
            "ffffffffffff" + "020000000002" + "0806"
            + "0001" + "0800" + "06" + "04" + "0001"
            + "020000000002" + "c6336464"
            + "ffffffffffff" + "c6336464";

    @Test
    void gratuitousArpIsKeepalivedsFrameByteForByte() throws Exception {
        byte[] frame = GratuitousArpFrame.build(HEX.parseHex("020000000002"),
                (Inet4Address) InetAddress.getByName("198.51.100.100"));
        assertThat(HEX.formatHex(frame)).isEqualTo(KEEPALIVED_GARP);
        assertThat(frame).hasSize(GratuitousArpFrame.LENGTH);
    }

    @Test
    void gratuitousArpOffsetsPointAtTheFields() throws Exception {
        byte[] mac = HEX.parseHex("02000000abcd");
        byte[] frame = GratuitousArpFrame.build(mac, (Inet4Address) InetAddress.getByName("198.51.100.10"));
        assertThat(slice(frame, GratuitousArpFrame.SENDER_MAC, 6)).isEqualTo("02000000abcd");
        assertThat(slice(frame, GratuitousArpFrame.SOURCE_MAC, 6)).isEqualTo("02000000abcd");
        assertThat(slice(frame, GratuitousArpFrame.SENDER_IP, 4)).isEqualTo("c633640a");
        assertThat(slice(frame, GratuitousArpFrame.TARGET_IP, 4)).isEqualTo("c633640a");
        assertThat(slice(frame, GratuitousArpFrame.ARP_OPERATION, 2)).isEqualTo("0001");
    }

    /** Checked with tshark 4.0 ("Checksum: 0xf72c [correct]", Flags: Override, hop limit 255). */
    private static final String NA_OVERRIDE =
            "333300000001" + "020000000001" + "86dd"
            + "60000000" + "0020" + "3a" + "ff"
            + "20010db8000000000000000000000100" + "ff020000000000000000000000000001"
            + "88" + "00" + "f72c" + "20000000"
            + "20010db8000000000000000000000100"
            + "02" + "01" + "020000000001";

    @Test
    void unsolicitedNeighbourAdvertGolden() throws Exception {
        byte[] frame = UnsolicitedNeighbourAdvert.build(HEX.parseHex("020000000001"),
                (Inet6Address) InetAddress.getByName("2001:db8::100"), false);
        assertThat(HEX.formatHex(frame)).isEqualTo(NA_OVERRIDE);
    }

    @Test
    void routerFlagChangesFlagsAndChecksum() throws Exception {
        byte[] frame = UnsolicitedNeighbourAdvert.build(HEX.parseHex("020000000001"),
                (Inet6Address) InetAddress.getByName("2001:db8::100"), true);
        // tshark: "Checksum: 0x772c [correct]", Flags: Router, Override
        assertThat(slice(frame, UnsolicitedNeighbourAdvert.ICMPV6_CHECKSUM, 2)).isEqualTo("772c");
        assertThat(frame[UnsolicitedNeighbourAdvert.FLAGS] & 0xff).isEqualTo(0xa0);
    }

    @Test
    void checksumOfTheWholeMessageWithItsChecksumIsZero() throws Exception {
        byte[] target = InetAddress.getByName("2001:db8::7").getAddress();
        byte[] frame = UnsolicitedNeighbourAdvert.build(HEX.parseHex("02aabbccddee"),
                (Inet6Address) InetAddress.getByAddress(target), false);
        byte[] allNodes = InetAddress.getByName("ff02::1").getAddress();
        int verify = UnsolicitedNeighbourAdvert.checksum(frame, target, allNodes, UnsolicitedNeighbourAdvert.ICMPV6,
                UnsolicitedNeighbourAdvert.LENGTH - UnsolicitedNeighbourAdvert.ICMPV6);
        assertThat(verify).isZero();
    }

    @Test
    void macMustBeSixBytes() throws Exception {
        Inet4Address v4 = (Inet4Address) InetAddress.getByName("198.51.100.1");
        Inet6Address v6 = (Inet6Address) InetAddress.getByName("2001:db8::1");
        assertThatThrownBy(() -> GratuitousArpFrame.build(new byte[5], v4)).hasMessageContaining("6 bytes");
        assertThatThrownBy(() -> UnsolicitedNeighbourAdvert.build(new byte[8], v6, false))
                .hasMessageContaining("6 bytes");
    }

    private static String slice(byte[] bytes, int offset, int length) {
        return HEX.formatHex(bytes, offset, offset + length);
    }
}
