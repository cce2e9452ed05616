package io.jkeepalived.vrrp.packet;

/**
 * The Internet checksum (RFC 1071 §4.1): 16-bit one's complement of the one's complement sum of the data taken as
 * big-endian 16-bit words, an odd trailing octet padded with zero. Used for the IPv4 header (RFC 791 §3.1), the
 * VRRPv2 message (RFC 3768 §5.3.8) and the VRRPv3 message with its pseudo-header (RFC 5798 §5.2.8).
 */
final class InternetChecksum {
    private InternetChecksum() {
    }

    /**
     * Adds {@code length} octets of {@code data} from {@code offset} to a running (unfolded) sum, so a
     * pseudo-header and a message can be summed in two calls.
     */
    static long add(long sum, byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Folds the carries and complements: the value to put in a checksum field, or 0 when verifying a good one. */
    static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static int of(byte[] data, int offset, int length) {
        return finish(add(0, data, offset, length));
    }
}
