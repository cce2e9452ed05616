/**
 * The checkers end to end (issue 6): each suite starts one {@code jkeepalived -C --dry-run} in a director namespace
 * ({@code jk-ce-SUITE-d}) against real servers written in the test and opened inside a real-server namespace
 * ({@code jk-ce-SUITE-r}), both on a bridge of their own ({@link io.jkeepalived.e2e.NetNs}). For every checker a real
 * server goes healthy → kept, failing → evicted after exactly its {@code retry} (attempts counted by the server, or
 * by keepalived's log_all_failures lines), healthy again → restored, seen three ways: keepalived's log lines
 * ("Removing service [..] from VS [..]"), the dry run's table changes, and {@code /status}.
 *
 * <ul>
 *   <li>{@code HttpCheckE2eTest}: TCP_CHECK (IPv4, IPv6), HTTP_GET status_code, digest, regex, read timeout,
 *       inhibit_on_failure;</li>
 *   <li>{@code SslCheckE2eTest}: SSL_GET with keytool certificates swapped while running, 503, digest, handshake;</li>
 *   <li>{@code MiscFileCheckE2eTest}: MISC_CHECK exit codes, misc_dynamic, misc_timeout; FILE_CHECK fault, weights;</li>
 *   <li>{@code DatagramCheckE2eTest}: UDP_CHECK, DNS_CHECK, PING_CHECK (IPv4, IPv6), SMTP_CHECK.</li>
 * </ul>
 *
 * <p>Not compared with keepalived 2.2.7 running: this host's kernel has no IPVS and keepalived's checker process
 * exits at start without it ("IPVS: Can't initialize ipvs: No such file or directory", "exited with permanent error
 * FATAL"), even with {@code -C}; the expected lines come from its source (check_*.c, ipwrapper.c). The kernel lab
 * has IPVS but runs one suite per boot under emulation; the listeners here are Java, so that comparison is left to a
 * guest driver of its own.
 *
 * <p>Run: {@code ./mvnw -o -q -pl daemon -am test -Dtest='*CheckE2eTest' -Dsurefire.failIfNoSpecifiedTests=false}
 * (root, iproute2; about four minutes).
 */
package io.jkeepalived.e2e.check;
