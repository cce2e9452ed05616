package io.jkeepalived.netlink;

import io.jkeepalived.netlink.genl.CtrlMessages;
import io.jkeepalived.netlink.genl.GenlFamily;
import io.jkeepalived.netlink.rtnl.Address;
import io.jkeepalived.netlink.rtnl.IfAddrMsg;
import io.jkeepalived.netlink.rtnl.IfInfoMsg;
import io.jkeepalived.netlink.rtnl.Link;
import io.jkeepalived.netlink.rtnl.Rtnetlink;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.From;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips through the encoders and decoders, and the framing invariants, for generated values. */
class CodecPropertiesTest {
    record Attr(int type, byte[] value) {
    }

    @Property
    void attributesRoundTripInOrderWithAlignment(@ForAll("attrs") List<Attr> attrs) throws Exception {
        MessageBuilder b = new MessageBuilder(0x20, 0, 1);
        for (Attr a : attrs) {
            b.attr(a.type, a.value);
        }
        ByteBuffer msg = b.build();
        assertThat(msg.remaining() % 4).isZero();
        NetlinkMessage m = Hex.message(msg);
        List<Attributes.Attribute> parsed = Attributes.parse(m.payload()).list();
        assertThat(parsed).hasSize(attrs.size());
        for (int i = 0; i < attrs.size(); i++) {
            assertThat(parsed.get(i).type()).isEqualTo(attrs.get(i).type);
            byte[] v = new byte[parsed.get(i).value().remaining()];
            parsed.get(i).value().duplicate().get(v);
            assertThat(v).isEqualTo(attrs.get(i).value);
        }
    }

    @Property
    void nestedAttributesRoundTrip(@ForAll @IntRange(min = 1, max = 0x3fff) int outer, @ForAll("attrs") List<Attr> inner) throws Exception {
        MessageBuilder b = new MessageBuilder(0x20, 0, 1);
        int token = b.beginNested(outer);
        for (Attr a : inner) {
            b.attr(a.type, a.value);
        }
        b.endNested(token);
        Attributes top = Attributes.parse(Hex.message(b.build()).payload());
        assertThat(top.list()).hasSize(1);
        assertThat(top.list().get(0).typeFlags()).isEqualTo(Attributes.NLA_F_NESTED);
        assertThat(top.nested(outer).list()).hasSize(inner.size());
    }

    @Property
    void messagesConcatenateAndSplitBack(@ForAll @Size(max = 8) List<@Size(max = 40) List<Byte>> payloads) throws Exception {
        ByteBuffer datagram = ByteBuffer.allocate(8192).order(ByteOrder.nativeOrder());
        for (int i = 0; i < payloads.size(); i++) {
            MessageBuilder b = new MessageBuilder(0x10 + i, NlMsgHeader.NLM_F_MULTI, i);
            byte[] p = new byte[payloads.get(i).size()];
            for (int j = 0; j < p.length; j++) {
                p[j] = payloads.get(i).get(j);
            }
            b.put(p);
            datagram.put(b.build());
        }
        datagram.flip();
        List<NetlinkMessage> split = NetlinkMessage.split(datagram);
        assertThat(split).hasSize(payloads.size());
        for (int i = 0; i < split.size(); i++) {
            assertThat(split.get(i).type()).isEqualTo(0x10 + i);
            assertThat(split.get(i).seq()).isEqualTo(i);
            assertThat(split.get(i).payload().remaining()).isEqualTo(NlMsgHeader.align(payloads.get(i).size()));
        }
    }

    @Property
    void addressesRoundTrip(@ForAll("addresses") Address a, @ForAll boolean delete) throws Exception {
        ByteBuffer msg = delete ? IfAddrMsg.deleteAddress(5, a) : IfAddrMsg.newAddress(5, a);
        assertThat(IfAddrMsg.decode(Hex.message(msg))).isEqualTo(a);
    }

    @Property
    void linksRoundTrip(@ForAll("links") Link link) throws Exception {
        assertThat(IfInfoMsg.decode(Hex.message(IfInfoMsg.encode(Rtnetlink.RTM_NEWLINK, 0, 1, link)))).isEqualTo(link);
    }

    @Property
    void familiesRoundTrip(@ForAll("names") String name, @ForAll @IntRange(min = 0x10, max = 0xffff) int id,
                           @ForAll int version, @ForAll @Size(max = 4) Map<@From("names") String, Integer> groups) throws Exception {
        GenlFamily f = new GenlFamily(id, name, version, 0, 7, groups);
        assertThat(CtrlMessages.decodeFamily(Hex.message(CtrlMessages.encodeFamily(1, f)))).isEqualTo(f);
    }

    @Provide
    Arbitrary<List<Attr>> attrs() {
        Arbitrary<Attr> attr = Combinators.combine(
                Arbitraries.integers().between(1, 0x3fff),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64)).as(Attr::new);
        return attr.list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:.").ofMinLength(1).ofMaxLength(15);
    }

    @Provide
    Arbitrary<Link> links() {
        return Combinators.combine(
                Arbitraries.integers().greaterOrEqual(1),
                names(),
                Arbitraries.integers(),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(32).injectNull(0.3),
                names().injectNull(0.3)).as(Link::new);
    }

    @Provide
    Arbitrary<Address> addresses() {
        return Arbitraries.of(Rtnetlink.AF_INET, Rtnetlink.AF_INET6).flatMap(family -> {
            int len = family == Rtnetlink.AF_INET ? 4 : 16;
            Arbitrary<InetAddress> ip = Arbitraries.bytes().array(byte[].class).ofSize(len).map(b -> toIp(family, b));
            return Combinators.combine(
                    Arbitraries.integers().between(0, family == Rtnetlink.AF_INET ? 32 : 128),
                    Arbitraries.integers().between(0, 255),
                    Arbitraries.integers(),
                    ip.injectNull(0.2),
                    ip.injectNull(0.2),
                    family == Rtnetlink.AF_INET ? ip.injectNull(0.5) : Arbitraries.just(null),
                    family == Rtnetlink.AF_INET ? names().injectNull(0.5) : Arbitraries.just(null))
                    .as((prefix, scope, flags, address, local, broadcast, label) ->
                            new Address(7, family, prefix, scope, flags, address, local, broadcast, label));
        });
    }

    private static InetAddress toIp(int family, byte[] b) {
        try {
            return family == Rtnetlink.AF_INET ? Inet4Address.getByAddress(b) : Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
