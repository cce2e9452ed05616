package io.jkeepalived.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one netlink request: the {@link NlMsgHeader}, a fixed family header, then attributes, each padded to 4
 * bytes with zeros. Host byte order throughout; {@link #build()} fills in {@code nlmsg_len}.
 */
public final class MessageBuilder {
    private byte[] bytes = new byte[256];
    private int size;

    /** Starts a message; pid 0 lets the kernel fill in the sender's port id. */
    public MessageBuilder(int type, int flags, int seq) {
        size = NlMsgHeader.SIZE;
        ByteBuffer b = view();
        b.putShort(NlMsgHeader.TYPE, (short) type);
        b.putShort(NlMsgHeader.FLAGS, (short) flags);
        b.putInt(NlMsgHeader.SEQ, seq);
        b.putInt(NlMsgHeader.PID, 0);
    }

    private ByteBuffer view() {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    private int reserve(int n) {
        int at = size;
        int need = at + NlMsgHeader.align(n);
        if (need > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(need, bytes.length * 2));
        }
        size = need;
        return at;
    }

    /** Appends raw bytes (a family header such as ifaddrmsg), padded to 4. */
    public MessageBuilder put(byte[] data) {
        int at = reserve(data.length);
        System.arraycopy(data, 0, bytes, at, data.length);
        return this;
    }

    /** Appends {@code length} zero bytes (padded to 4) and returns a host-order view of them to fill in. */
    public ByteBuffer putStruct(int length) {
        int at = reserve(length);
        return ByteBuffer.wrap(bytes, at, length).slice().order(ByteOrder.nativeOrder());
    }

    public MessageBuilder attr(int type, byte[] value) {
        if (value.length > 0xffff - Attributes.NLA_HDRLEN) {
            throw new IllegalArgumentException("netlink attribute " + type + " value too long: " + value.length);
        }
        int at = reserve(Attributes.NLA_HDRLEN + value.length);
        ByteBuffer b = view();
        b.putShort(at + Attributes.NLA_LEN, (short) (Attributes.NLA_HDRLEN + value.length));
        b.putShort(at + Attributes.NLA_TYPE, (short) type);
        System.arraycopy(value, 0, bytes, at + Attributes.NLA_HDRLEN, value.length);
        return this;
    }

    /** A NUL-terminated string attribute, as the kernel's NLA_NUL_STRING and NLA_STRING policies accept. */
    public MessageBuilder attrString(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return attr(type, Arrays.copyOf(s, s.length + 1));
    }

    public MessageBuilder attrU32(int type, int value) {
        byte[] v = new byte[4];
        ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).putInt(value);
        return attr(type, v);
    }

    public MessageBuilder attrU16(int type, int value) {
        byte[] v = new byte[2];
        ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).putShort((short) value);
        return attr(type, v);
    }

    public MessageBuilder attrU8(int type, int value) {
        return attr(type, new byte[] {(byte) value});
    }

    /** Opens a nested attribute (NLA_F_NESTED set); pass the returned token to {@link #endNested(int)}. */
    public int beginNested(int type) {
        int at = reserve(Attributes.NLA_HDRLEN);
        view().putShort(at + Attributes.NLA_TYPE, (short) (type | Attributes.NLA_F_NESTED));
        return at;
    }

    public MessageBuilder endNested(int token) {
        int length = size - token;
        if (length > 0xffff) {
            throw new IllegalArgumentException("nested netlink attribute too long: " + length);
        }
        view().putShort(token + Attributes.NLA_LEN, (short) length);
        return this;
    }

    /** The finished message: a host-order heap buffer, position 0, limit = nlmsg_len. */
    public ByteBuffer build() {
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(bytes, size)).order(ByteOrder.nativeOrder());
        b.putInt(NlMsgHeader.LENGTH, size);
        return b;
    }
}
