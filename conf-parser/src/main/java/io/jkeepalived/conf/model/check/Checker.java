package io.jkeepalived.conf.model.check;

/**
 * One health checker of a real server (TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK, SMTP_CHECK, DNS_CHECK,
 * UDP_CHECK, PING_CHECK, FILE_CHECK, BFD_CHECK). Each kind is an immutable record implementing this.
 */
public interface Checker {
    /** The keepalived block keyword, e.g. {@code TCP_CHECK}. */
    String keyword();
}
