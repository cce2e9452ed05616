package io.jkeepalived.conf.model.check;

import java.util.List;

/**
 * {@code SMTP_CHECK}: the server greets and accepts HELO. hosts are the deprecated {@code host} blocks
 * this checker takes (its own, and those left by an SMTP_CHECK keepalived dropped before it), each of
 * which keepalived turns into a checker of its own; heloName null means keepalived's default.
 */
public record SmtpCheck(CheckerTiming timing, ConnectionOptions connection, String heloName,
                        List<ConnectionOptions> hosts) implements Checker {
    public SmtpCheck {
        hosts = List.copyOf(hosts);
    }

    @Override
    public String keyword() {
        return "SMTP_CHECK";
    }
}
