package io.jkeepalived.conf.check;

import io.jkeepalived.conf.model.check.Checker;

/**
 * What a checker block sees of the real server it sits in: where finished checkers go, and the real
 * and virtual server they check (for defaults and keepalived's messages).
 */
public interface CheckerHost {
    /** Adds a checker to the current real server. */
    void add(Checker checker);

    /** The current real server's address as written (e.g. {@code 198.51.100.10}), or null. */
    String realServerAddress();

    /** The current real server's port (0 when none). */
    int realServerPort();

    /** keepalived's name for the current virtual server in messages, e.g. {@code [198.51.100.1]:tcp:80}. */
    String virtualServerName();
}
