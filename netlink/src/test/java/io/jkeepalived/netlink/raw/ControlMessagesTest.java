package io.jkeepalived.netlink.raw;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlMessagesTest {

    static byte[] intData(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }

    static byte[] inPktinfo(int ifIndex, byte[] specDst, byte[] addr) {
        return ByteBuffer.allocate(12).order(ByteOrder.nativeOrder()).putInt(ifIndex).put(specDst).put(addr).array();
    }

    static byte[] in6Pktinfo(byte[] addr, int ifIndex) {
        return ByteBuffer.allocate(20).order(ByteOrder.nativeOrder()).put(addr).putInt(ifIndex).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void ipv4PktinfoAndTtl() throws Exception {
        byte[] control = concat(
                ControlMessages.encode(RawLibc.IPPROTO_IP, RawLibc.IP_PKTINFO,
                        inPktinfo(7, new byte[]{(byte) 198, 51, 100, 2}, new byte[]{(byte) 224, 0, 0, 18})),
                ControlMessages.encode(RawLibc.IPPROTO_IP, RawLibc.IP_TTL, intData(255)));
        ControlMessages.Ancillary a = ControlMessages.decode(control, control.length);
        assertThat(a.ifIndex()).isEqualTo(7);
        assertThat(a.hopLimit()).isEqualTo(255);
        assertThat(a.destination()).isEqualTo(InetAddress.getByName("224.0.0.18"));
    }

    @Test
    void ipv6PktinfoAndHopLimit() throws Exception {
        byte[] group = InetAddress.getByName("ff02::12").getAddress();
        byte[] control = concat(
                ControlMessages.encode(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_HOPLIMIT, intData(255)),
                ControlMessages.encode(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_PKTINFO, in6Pktinfo(group, 3)));
        ControlMessages.Ancillary a = ControlMessages.decode(control, control.length);
        assertThat(a).isEqualTo(new ControlMessages.Ancillary(3, 255, InetAddress.getByName("ff02::12")));
    }

    @Test
    void pktinfoIsTwentyBytesAndPaddedToTwentyFourWhenAHopLimitFollows() {
        byte[] one = ControlMessages.encode(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_PKTINFO, new byte[20]);
        assertThat(one).hasSize(40); // CMSG_SPACE(20) on LP64
        assertThat(ByteBuffer.wrap(one).order(ByteOrder.nativeOrder()).getLong(0)).isEqualTo(36); // CMSG_LEN(20)
    }

    @Test
    void wrongDataLengthAndUnknownMessagesAreSkipped() {
        byte[] control = concat(
                ControlMessages.encode(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_HOPLIMIT, new byte[8]),
                ControlMessages.encode(1, 29, new byte[16]),
                ControlMessages.encode(RawLibc.IPPROTO_IP, RawLibc.IP_TTL, intData(64)));
        assertThat(ControlMessages.decode(control, control.length))
                .isEqualTo(new ControlMessages.Ancillary(-1, 64, null));
    }

    @Test
    void emptyAndShortBuffersReportNothing() {
        assertThat(ControlMessages.decode(new byte[0], 0)).isEqualTo(ControlMessages.Ancillary.NONE);
        assertThat(ControlMessages.decode(new byte[15], 15)).isEqualTo(ControlMessages.Ancillary.NONE);
    }

    @Test
    void cmsgLenPastTheBufferIsRejectedWithAMessage() {
        byte[] control = ControlMessages.encode(RawLibc.IPPROTO_IP, RawLibc.IP_TTL, intData(255));
        ByteBuffer.wrap(control).order(ByteOrder.nativeOrder()).putLong(0, 4096);
        assertThatThrownBy(() -> ControlMessages.decode(control, control.length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cmsg_len 4096 at offset 0");
        ByteBuffer.wrap(control).order(ByteOrder.nativeOrder()).putLong(0, 3);
        assertThatThrownBy(() -> ControlMessages.decode(control, control.length))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void encodedMessagesDecodeToTheirValues(@ForAll @IntRange(min = 1, max = 1 << 20) int ifIndex,
                                            @ForAll @IntRange(min = 0, max = 255) int hopLimit,
                                            @ForAll @Size(16) byte[] address,
                                            @ForAll boolean hopFirst) throws Exception {
        byte[] hop = ControlMessages.encode(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_HOPLIMIT, intData(hopLimit));
        byte[] info = ControlMessages.encode(RawLibc.IPPROTO_IPV6, RawLibc.IPV6_PKTINFO, in6Pktinfo(address, ifIndex));
        byte[] control = hopFirst ? concat(hop, info) : concat(info, hop);
        ControlMessages.Ancillary a = ControlMessages.decode(control, control.length);
        assertThat(a.ifIndex()).isEqualTo(ifIndex);
        assertThat(a.hopLimit()).isEqualTo(hopLimit);
        assertThat(a.destination()).isEqualTo(InetAddress.getByAddress(address));
    }

    @Property
    void anyBytesDecodeOrFailWithIllegalArgument(@ForAll("controls") byte[] control) {
        try {
            ControlMessages.decode(control, control.length);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).contains("cmsg_len");
        }
    }

    @Provide
    Arbitrary<byte[]> controls() {
        Arbitrary<byte[]> wellFormed = Arbitraries.of(RawLibc.IP_PKTINFO, RawLibc.IP_TTL, RawLibc.IPV6_PKTINFO,
                        RawLibc.IPV6_HOPLIMIT)
                .flatMap(type -> Arbitraries.bytes().array(byte[].class).ofMaxSize(24)
                        .map(data -> ControlMessages.encode(type < 40 ? RawLibc.IPPROTO_IP : RawLibc.IPPROTO_IPV6,
                                type, data)))
                .list().ofMaxSize(4)
                .map(parts -> concat(parts.toArray(new byte[0][])));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(96);
        return Arbitraries.oneOf(List.of(wellFormed, random,
                wellFormed.map(b -> b.length == 0 ? b : java.util.Arrays.copyOf(b, b.length - 1))));
    }
}
