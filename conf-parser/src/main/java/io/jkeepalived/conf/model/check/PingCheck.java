package io.jkeepalived.conf.model.check;

/** {@code PING_CHECK}: an ICMP echo is answered. */
public record PingCheck(CheckerTiming timing, ConnectionOptions connection) implements Checker {
    @Override
    public String keyword() {
        return "PING_CHECK";
    }
}
