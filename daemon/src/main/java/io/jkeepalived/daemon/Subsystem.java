package io.jkeepalived.daemon;

/**
 * One of keepalived's children (VRRP, checkers, BFD), run in this JVM: started once the configuration is
 * read, stopped on SIGTERM/SIGINT. Each owns its threads; {@link #stop()} returns when its cleanup (priority-0
 * adverts, VIPs removed, IPVS removed) is done or given up.
 */
interface Subsystem {
    /** keepalived's name for the child, as in its log lines ("VRRP", "Healthcheck"). */
    String name();

    void start() throws Exception;

    void stop();
}
