package io.jkeepalived.conf.model.check;

import io.jkeepalived.conf.model.Setting;

/**
 * One health checker of a real server. {@link TcpCheck}, {@link HttpCheck} (HTTP_GET and SSL_GET) and
 * {@link MiscCheck} are typed; the others ({@code SMTP_CHECK}, {@code DNS_CHECK}, {@code UDP_CHECK},
 * {@code PING_CHECK}, {@code FILE_CHECK}, {@code BFD_CHECK}) are {@link OtherCheck} until their checker is built.
 */
public sealed interface Checker permits TcpCheck, HttpCheck, MiscCheck, OtherCheck {
    /** The keepalived block keyword, e.g. {@code TCP_CHECK}. */
    String keyword();

    /** The connection and scheduling options every checker has. */
    CheckOptions options();

    /** The block as written. */
    Setting source();
}
