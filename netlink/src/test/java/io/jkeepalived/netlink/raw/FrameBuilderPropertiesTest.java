package io.jkeepalived.netlink.raw;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class FrameBuilderPropertiesTest {
    private static final byte[] ALL_NODES = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    @Property
    void garpAnnouncesTheAddressFromTheMac(@ForAll @Size(6) byte[] mac, @ForAll @Size(4) byte[] address)
            throws Exception {
        byte[] frame = GratuitousArpFrame.build(mac, (Inet4Address) InetAddress.getByAddress(address));
        assertThat(frame).hasSize(42);
        assertThat(Arrays.copyOfRange(frame, GratuitousArpFrame.SOURCE_MAC, 12)).isEqualTo(mac);
        assertThat(Arrays.copyOfRange(frame, GratuitousArpFrame.SENDER_MAC, 28)).isEqualTo(mac);
        assertThat(Arrays.copyOfRange(frame, GratuitousArpFrame.SENDER_IP, 32)).isEqualTo(address);
        assertThat(Arrays.copyOfRange(frame, GratuitousArpFrame.TARGET_IP, 42)).isEqualTo(address);
    }

    @Property
    void naChecksumVerifies(@ForAll @Size(6) byte[] mac, @ForAll @Size(16) byte[] address, @ForAll boolean router)
            throws Exception {
        InetAddress target = InetAddress.getByAddress(address);
        // getByAddress maps ::ffff:a.b.c.d to an Inet4Address; those are not NA targets.
        if (!(target instanceof Inet6Address v6)) {
            return;
        }
        byte[] frame = UnsolicitedNeighbourAdvert.build(mac, v6, router);
        assertThat(UnsolicitedNeighbourAdvert.checksum(frame, address, ALL_NODES, UnsolicitedNeighbourAdvert.ICMPV6,
                UnsolicitedNeighbourAdvert.LENGTH - UnsolicitedNeighbourAdvert.ICMPV6)).isZero();
        assertThat(frame[UnsolicitedNeighbourAdvert.IPV6_HOP_LIMIT] & 0xff).isEqualTo(255);
        assertThat(Arrays.copyOfRange(frame, UnsolicitedNeighbourAdvert.OPTION + 2, UnsolicitedNeighbourAdvert.LENGTH))
                .isEqualTo(mac);
        assertThat((frame[UnsolicitedNeighbourAdvert.FLAGS] & UnsolicitedNeighbourAdvert.FLAG_ROUTER) != 0)
                .isEqualTo(router);
    }
}
