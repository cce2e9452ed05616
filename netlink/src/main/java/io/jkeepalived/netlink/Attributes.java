package io.jkeepalived.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A decoded run of netlink attributes ({@code struct nlattr} of linux/netlink.h, the same layout as
 * {@code struct rtattr} of linux/rtnetlink.h), each 4-byte aligned:
 *
 * <pre>
 *  0 u16 nla_len   length of header + value, without the padding
 *  2 u16 nla_type  type; bit 15 NLA_F_NESTED, bit 14 NLA_F_NET_BYTEORDER
 *  4 ...           value, then padding to a multiple of 4
 * </pre>
 *
 * Values are kept as read-only host-order slices of the message. When a type repeats, the first wins for the
 * single-value getters (the kernel emits each once); {@link #all(int)} gives every occurrence.
 */
public final class Attributes {
    public static final int NLA_LEN = 0;
    public static final int NLA_TYPE = 2;
    public static final int NLA_HDRLEN = 4;
    public static final int NLA_F_NESTED = 1 << 15;
    public static final int NLA_F_NET_BYTEORDER = 1 << 14;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    /** One attribute: its type without the flag bits, the flag bits, and its value. */
    public record Attribute(int type, int typeFlags, ByteBuffer value) {
    }

    private static final Attributes EMPTY = new Attributes(List.of());

    private final List<Attribute> list;

    private Attributes(List<Attribute> list) {
        this.list = list;
    }

    public static Attributes empty() {
        return EMPTY;
    }

    /**
     * Parses attributes from the buffer's position to its limit. A final attribute without its padding is
     * accepted (the padding carries nothing); a length below the header size or past the end is an error.
     */
    public static Attributes parse(ByteBuffer region) throws NetlinkFormatException {
        ByteBuffer buf = region.slice().order(ByteOrder.nativeOrder());
        List<Attribute> list = new ArrayList<>();
        int pos = 0;
        int end = buf.limit();
        // Each pass consumes at least NLA_HDRLEN bytes, so the loop is bounded by the region's size.
        while (end - pos >= NLA_HDRLEN) {
            int len = Short.toUnsignedInt(buf.getShort(pos + NLA_LEN));
            int rawType = Short.toUnsignedInt(buf.getShort(pos + NLA_TYPE));
            if (len < NLA_HDRLEN || len > end - pos) {
                throw new NetlinkFormatException("netlink attribute type " + (rawType & NLA_TYPE_MASK) + " at offset " + pos
                        + " has length " + len + ", but " + (end - pos) + " bytes remain");
            }
            ByteBuffer value = buf.slice(pos + NLA_HDRLEN, len - NLA_HDRLEN).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
            list.add(new Attribute(rawType & NLA_TYPE_MASK, rawType & ~NLA_TYPE_MASK, value));
            pos += Math.min(NlMsgHeader.align(len), end - pos);
        }
        return new Attributes(Collections.unmodifiableList(list));
    }

    public List<Attribute> list() {
        return list;
    }

    public boolean has(int type) {
        return find(type) != null;
    }

    private Attribute find(int type) {
        for (Attribute a : list) {
            if (a.type == type) {
                return a;
            }
        }
        return null;
    }

    public List<Attribute> all(int type) {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : list) {
            if (a.type == type) {
                out.add(a);
            }
        }
        return out;
    }

    /** The value's bytes, or null when absent. */
    public byte[] bytes(int type) {
        Attribute a = find(type);
        if (a == null) {
            return null;
        }
        byte[] out = new byte[a.value.remaining()];
        a.value.duplicate().get(out);
        return out;
    }

    /** A NUL-terminated string value (NLA_NUL_STRING / NLA_STRING); bytes after the first NUL are ignored. */
    public String string(int type) {
        byte[] b = bytes(type);
        if (b == null) {
            return null;
        }
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** A u32 value in host order, or {@code fallback} when absent. */
    public long u32(int type, long fallback) throws NetlinkFormatException {
        Attribute a = find(type);
        if (a == null) {
            return fallback;
        }
        requireLength(a, 4);
        return Integer.toUnsignedLong(a.value.getInt(0));
    }

    /** A u16 value in host order, or {@code fallback} when absent. */
    public int u16(int type, int fallback) throws NetlinkFormatException {
        Attribute a = find(type);
        if (a == null) {
            return fallback;
        }
        requireLength(a, 2);
        return Short.toUnsignedInt(a.value.getShort(0));
    }

    /** A u8 value, or {@code fallback} when absent. */
    public int u8(int type, int fallback) throws NetlinkFormatException {
        Attribute a = find(type);
        if (a == null) {
            return fallback;
        }
        requireLength(a, 1);
        return Byte.toUnsignedInt(a.value.get(0));
    }

    /** The attributes nested in attribute {@code type}, or an empty set when absent. */
    public Attributes nested(int type) throws NetlinkFormatException {
        Attribute a = find(type);
        return a == null ? EMPTY : parse(a.value);
    }

    private static void requireLength(Attribute a, int minimum) throws NetlinkFormatException {
        if (a.value.remaining() < minimum) {
            throw new NetlinkFormatException("netlink attribute type " + a.type + " has " + a.value.remaining()
                    + " value bytes, needs " + minimum);
        }
    }
}
