package io.jkeepalived.healthcheck.udp;

/**
 * UDP_CHECK's {@code payload} and {@code reply} octets, and keepalived's check_udp_reply: a reply must be
 * {@code min_reply_length..max_reply_length} octets long and agree with the {@code reply} octets over the shorter
 * of the two, except in wildcard ({@code X}) nibbles. Pure: no I/O.
 */
public final class UdpReplyPattern {
    private final byte[] data;
    private final byte[] mask;
    private final int min;
    private final int max;

    private UdpReplyPattern(byte[] data, byte[] mask, int min, int max) {
        this.data = data;
        this.mask = mask;
        this.min = min;
        this.max = max;
    }

    /**
     * @param reply the model's normalised hex ("0A XF 33": upper-case pairs, blanks between, X a wildcard nibble)
     */
    public static UdpReplyPattern of(String reply, int minLength, int maxLength) {
        int n = reply == null || reply.isBlank() ? 0 : reply.trim().split(" +").length;
        byte[] data = new byte[n];
        byte[] mask = new byte[n];
        if (n > 0) {
            String[] pairs = reply.trim().split(" +");
            for (int i = 0; i < n; i++) {
                String p = pairs[i];
                if (p.length() != 2) {
                    throw new IllegalArgumentException("not a hex octet in UDP_CHECK reply: '" + p + "'");
                }
                int hi = nibble(p.charAt(0));
                int lo = nibble(p.charAt(1));
                data[i] = (byte) (((hi < 0 ? 0 : hi) << 4) | (lo < 0 ? 0 : lo));
                mask[i] = (byte) ((hi < 0 ? 0xF0 : 0) | (lo < 0 ? 0x0F : 0));
            }
        }
        return new UdpReplyPattern(data, mask, minLength, maxLength);
    }

    /** The octets of a normalised hex string without wildcards (UDP_CHECK {@code payload}); null: none. */
    public static byte[] octets(String hex) {
        UdpReplyPattern p = of(hex, 0, 0);
        for (byte m : p.mask) {
            if (m != 0) {
                throw new IllegalArgumentException("UDP_CHECK payload cannot have wildcards: " + hex);
            }
        }
        return p.data;
    }

    /** -1 for a wildcard nibble. */
    private static int nibble(char c) {
        if (c == 'X' || c == 'x') {
            return -1;
        }
        int v = Character.digit(c, 16);
        if (v < 0) {
            throw new IllegalArgumentException("not a hex digit in UDP_CHECK reply: '" + c + "'");
        }
        return v;
    }

    /** Whether a reply of these octets passes (check_udp_reply returning "no mismatch"). */
    public boolean matches(byte[] reply) {
        if (reply.length < min || reply.length > max) {
            return false;
        }
        int n = Math.min(reply.length, data.length);
        for (int i = 0; i < n; i++) {
            if (((reply[i] ^ data[i]) & ~mask[i] & 0xFF) != 0) {
                return false;
            }
        }
        return true;
    }
}
