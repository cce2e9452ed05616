package io.jkeepalived.vrrp.packet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The 8 octets keepalived keeps as {@code auth_data}: the VRRPv2 "Authentication Data" field (RFC 3768 §5.3.10)
 * for {@code auth_type PASS}, and the HMAC-MD5 key for {@code auth_type AH}. keepalived copies at most 8 characters
 * of {@code auth_pass} ("Truncating auth_pass to 8 characters") and zero-fills the rest, so the key is always
 * exactly 8 octets, zeros included. Immutable; equality is by content.
 */
public final class AuthData {
    /** Length of the field and of keepalived's key ({@code VRRP_AUTH_LEN}). */
    public static final int LENGTH = 8;

    /** All zeros: what keepalived puts in the field for {@code auth_type NONE} and {@code AH}. */
    public static final AuthData ZERO = new AuthData(new byte[LENGTH]);

    private final byte[] bytes;

    private AuthData(byte[] bytes) {
        this.bytes = bytes;
    }

    /** keepalived's {@code auth_pass} handling: the first 8 octets of the string, zero padded. */
    public static AuthData fromPassword(String authPass) {
        byte[] raw = authPass.getBytes(StandardCharsets.ISO_8859_1);
        return new AuthData(Arrays.copyOf(raw, LENGTH));
    }

    /** The exact 8 octets from the wire. */
    public static AuthData of(byte[] eight) {
        if (eight.length != LENGTH) {
            throw new IllegalArgumentException("authentication data must be " + LENGTH + " octets, got " + eight.length);
        }
        return new AuthData(eight.clone());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Constant time, as keepalived's {@code memcmp_constant_time}, so a wrong password's timing tells nothing. */
    boolean matches(byte[] wire, int offset) {
        return MessageDigest.isEqual(bytes, Arrays.copyOfRange(wire, offset, offset + LENGTH));
    }

    void writeTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthData other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Never the content: the value is a secret and ends up in logs via {@link Advert#toString()}. */
    @Override
    public String toString() {
        return equals(ZERO) ? "AuthData[zero]" : "AuthData[8 octets, hidden]";
    }
}
