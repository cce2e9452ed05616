package io.jkeepalived.conf;

/**
 * The passes keepalived makes over the configuration, in the order {@code -t} makes them
 * (core/main.c: the parent reads global_defs, then {@code validate_config()} runs the checker, VRRP and
 * BFD parsers). Each pass knows every root keyword but acts only on its own; the others are skipped.
 */
public enum Phase {
    PARENT,
    CHECKER,
    VRRP,
    BFD
}
