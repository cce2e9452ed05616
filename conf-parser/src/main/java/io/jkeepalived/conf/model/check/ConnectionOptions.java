package io.jkeepalived.conf.model.check;

/**
 * Where a checker connects (keepalived's conn_opts_t): null means not set, so the real server's address
 * and port, no source binding, and the real server's connect_timeout apply. connectTimeout is in microseconds.
 */
public record ConnectionOptions(String connectIp, Integer connectPort, String bindTo, Integer bindPort, String bindIf,
                                Long connectTimeout, Long fwmark) {
    public static final ConnectionOptions UNSET = new ConnectionOptions(null, null, null, null, null, null, null);

    public boolean isUnset() {
        return equals(UNSET);
    }
}
