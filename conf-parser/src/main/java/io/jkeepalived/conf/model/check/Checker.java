package io.jkeepalived.conf.model.check;

/**
 * A health checker of a real server ({@code TCP_CHECK}, {@code HTTP_GET}, ...). Checkers a keepalived
 * would drop while reading (no url, no script, link-local address without bind_if, ...) never get here.
 */
public sealed interface Checker permits TcpCheck, PingCheck, HttpCheck, MiscCheck, SmtpCheck, DnsCheck, UdpCheck,
        FileCheck, BfdCheck {
    /** The keyword that opens this checker's block. */
    String keyword();
}
