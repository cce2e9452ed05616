package io.jkeepalived.conf.model.check;

/** {@code DNS_CHECK}: a query of that type and name is answered; name "" (the root) by default. */
public record DnsCheck(CheckerTiming timing, ConnectionOptions connection, DnsType type, String name)
        implements Checker {
    @Override
    public String keyword() {
        return "DNS_CHECK";
    }
}
