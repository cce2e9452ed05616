package io.jkeepalived.netlink;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Packing requests several per datagram: byte layout, acknowledgement flags, bounds. */
class RequestBatchTest {
    private static final int REQ_ACK = NlMsgHeader.NLM_F_REQUEST | NlMsgHeader.NLM_F_ACK;

    private static ByteBuffer request(int seq, int payload) {
        MessageBuilder b = new MessageBuilder(0x22, REQ_ACK, seq);
        byte[] p = new byte[payload];
        for (int i = 0; i < payload; i++) {
            p[i] = (byte) (seq + i);
        }
        b.put(p);
        return b.build();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void packsTwoRequestsAckingOnlyTheLastWithPadding() {
        List<RequestBatch.Datagram> ds = RequestBatch.pack(List.of(request(7, 1), request(8, 4)));
        assertThat(ds).hasSize(1);
        RequestBatch.Datagram d = ds.get(0);
        assertThat(d.first()).isZero();
        assertThat(d.count()).isEqualTo(2);
        assertThat(d.lastSeq()).isEqualTo(8);
        // first: flags REQUEST only (ACK cleared), its 1-byte payload padded by the builder; second: REQUEST|ACK
        assertThat(Hex.of(d.bytes())).isEqualTo(Hex.clean("""
                14000000 2200 0100 07000000 00000000 | 07000000
                14000000 2200 0500 08000000 00000000 | 08090a0b
                """));
        assertThat(d.indexOf(7)).isZero();
        assertThat(d.indexOf(8)).isEqualTo(1);
        assertThat(d.indexOf(9)).isEqualTo(-1);
    }

    @Test
    void leavesTheCallersBuffersUntouched() {
        ByteBuffer r = request(1, 3);
        byte[] before = bytes(r);
        int position = r.position();
        RequestBatch.pack(List.of(r, request(2, 3)));
        assertThat(bytes(r)).isEqualTo(before);
        assertThat(r.position()).isEqualTo(position);
    }

    @Test
    void splitsByCountAndBytes() {
        List<ByteBuffer> rs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rs.add(request(100 + i, 16)); // 32 bytes each
        }
        assertThat(RequestBatch.pack(rs, 1 << 16, 4)).extracting(RequestBatch.Datagram::count).containsExactly(4, 4, 2);
        assertThat(RequestBatch.pack(rs, 100, 64)).extracting(RequestBatch.Datagram::count).containsExactly(3, 3, 3, 1);
        assertThat(RequestBatch.pack(rs, 100, 64)).extracting(RequestBatch.Datagram::first).containsExactly(0, 3, 6, 9);
        assertThat(RequestBatch.pack(List.of())).isEmpty();
    }

    @Test
    void refusesMalformedRequests() {
        ByteBuffer noAck = new MessageBuilder(0x22, NlMsgHeader.NLM_F_REQUEST, 1).build();
        assertThatThrownBy(() -> RequestBatch.pack(List.of(request(1, 0), noAck)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("request 1 needs NLM_F_ACK");
        ByteBuffer lying = request(1, 8);
        lying.putInt(lying.position(), 99);
        assertThatThrownBy(() -> RequestBatch.pack(List.of(lying)))
                .hasMessage("request 0 has nlmsg_len 99 but 24 bytes");
        assertThatThrownBy(() -> RequestBatch.pack(List.of(ByteBuffer.allocate(4)))).hasMessageContaining("shorter than a netlink header");
        assertThatThrownBy(() -> RequestBatch.pack(List.of(request(1, 200)), 64, 8)).hasMessageContaining("exceeds a datagram of 64");
    }

    /** Unpacking the datagrams gives back every request in order, with ACK on the last of each datagram only. */
    @Property(tries = 200)
    void roundTripsWithinBounds(@ForAll @Size(max = 60) List<@IntRange(max = 300) Integer> payloads,
                                @ForAll @IntRange(min = 340, max = 4096) int maxBytes,
                                @ForAll @IntRange(min = 1, max = 20) int maxRequests) throws Exception {
        List<ByteBuffer> rs = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            rs.add(request(1000 + i, payloads.get(i)));
        }
        List<RequestBatch.Datagram> ds = RequestBatch.pack(rs, maxBytes, maxRequests);
        int next = 0;
        for (RequestBatch.Datagram d : ds) {
            assertThat(d.first()).isEqualTo(next);
            assertThat(d.count()).isBetween(1, maxRequests);
            assertThat(d.bytes().remaining()).isLessThanOrEqualTo(maxBytes);
            assertThat(d.bytes().order()).isEqualTo(ByteOrder.nativeOrder());
            List<NetlinkMessage> ms = NetlinkMessage.split(d.bytes().duplicate().order(ByteOrder.nativeOrder()));
            assertThat(ms).hasSize(d.count());
            for (int k = 0; k < ms.size(); k++) {
                NetlinkMessage m = ms.get(k);
                ByteBuffer original = rs.get(next + k);
                assertThat(m.seq()).isEqualTo(1000 + next + k);
                assertThat(m.header().length()).isEqualTo(original.remaining());
                boolean last = k == ms.size() - 1;
                assertThat(m.flags()).isEqualTo(last ? REQ_ACK : NlMsgHeader.NLM_F_REQUEST);
                byte[] payload = new byte[m.payload().remaining()];
                m.payload().duplicate().get(payload);
                byte[] want = new byte[payload.length];
                original.duplicate().position(original.position() + NlMsgHeader.SIZE).get(want);
                assertThat(payload).isEqualTo(want);
            }
            next += d.count();
        }
        assertThat(next).isEqualTo(rs.size());
        // Greedy: a datagram is only cut when the next request would not fit.
        for (int i = 0; i + 1 < ds.size(); i++) {
            RequestBatch.Datagram d = ds.get(i);
            int nextLen = NlMsgHeader.align(rs.get(d.first() + d.count()).remaining());
            assertThat(d.count() == maxRequests || d.bytes().remaining() + nextLen > maxBytes).isTrue();
        }
    }
}
