package io.jkeepalived.conf.model.check;

/** {@code TCP_CHECK}: a TCP connect succeeds. */
public record TcpCheck(CheckerTiming timing, ConnectionOptions connection) implements Checker {
    @Override
    public String keyword() {
        return "TCP_CHECK";
    }
}
