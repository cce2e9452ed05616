package io.jkeepalived.conf.model.check;

/**
 * The root {@code SSL} block (keepalived's check_data->ssl): the TLS client setup every SSL_GET shares. Each value is
 * the last one written in the last SSL block (a second block replaces the first), or null. keepalived 2.2.7 loads
 * these files when the checker starts and an SSL_GET is configured, not while reading: {@code keepalived -t} does not
 * look at them.
 *
 * @param password    the private key's pass phrase
 * @param ca          PEM file of the CAs to trust (loaded; keepalived 2.2.7 never asks for the peer to be verified)
 * @param certificate PEM file with the client certificate chain, leaf first
 * @param key         PEM file with the client's private key
 */
public record SslSettings(String password, String ca, String certificate, String key) {
    /** An SSL block without any value: keepalived's context with no files loaded. */
    public static final SslSettings EMPTY = new SslSettings(null, null, null, null);

    /** What keepalived prints for a value, "(null)" when unset (glibc's printf). */
    public static String shown(String value) {
        return value == null ? "(null)" : value;
    }

    @Override
    public String toString() {
        // the pass phrase stays out of logs and dumps
        return "SslSettings[password=" + (password == null ? "null" : "***") + ", ca=" + ca + ", certificate="
                + certificate + ", key=" + key + "]";
    }
}
