package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.model.check.VirtualServer;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@code ha_suspend}: which virtual servers' checkers are suspended because their address is on no interface
 * (keepalived's {@code checker->enabled}, set by update_checker_activity in check_api.c). The daemon's address watch
 * sets it, the {@link CheckerEngine} follows it. A suspended checker keeps its state and its real server's: each time
 * a check is due it only waits another {@code delay_loop} ({@link #due}), as keepalived's checker threads re-register
 * themselves without checking, so nothing connects to the real servers until the address is back; the first check
 * after that comes at the next such tick and goes on from the retries and state it had.
 *
 * <p>Virtual servers are told apart by identity (the records of the running configuration); one the daemon never
 * named is active. Thread-safe.
 */
public final class HaSuspend {
    private final Set<VirtualServer> suspended = Collections.newSetFromMap(new IdentityHashMap<>());
    private BiConsumer<VirtualServer, Boolean> listener = (vs, s) -> { };

    /** Whether {@code vs}'s checkers are suspended now. */
    public synchronized boolean suspended(VirtualServer vs) {
        return suspended.contains(vs);
    }

    /**
     * {@code vs}'s address went away ({@code true}) or came back; a change is passed on to the engine, which logs
     * keepalived's lines, before this returns.
     */
    public void set(VirtualServer vs, boolean suspend) {
        BiConsumer<VirtualServer, Boolean> l;
        synchronized (this) {
            if (!(suspend ? suspended.add(vs) : suspended.remove(vs))) {
                return;
            }
            l = listener;
        }
        l.accept(vs, suspend);
    }

    /** A reload: virtual servers not in {@code running} are forgotten, silently (their checks are gone). */
    public synchronized void keepOnly(java.util.Collection<VirtualServer> running) {
        Set<VirtualServer> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(running);
        suspended.retainAll(keep);
    }

    /** The engine that follows the changes (one at a time). */
    synchronized void listen(BiConsumer<VirtualServer, Boolean> l) {
        this.listener = l;
    }

    /** keepalived's register_checkers_thread line for one checker, at start and after a reload. */
    static String startLine(boolean suspended, String realServer, String virtualServer) {
        return (suspended ? "Deactivating" : "Activating") + " healthchecker for service " + realServer + " for VS "
                + virtualServer;
    }

    /** keepalived's update_checker_activity line for one checker whose virtual address went or came back. */
    static String changeLine(boolean suspended, String realServer, String virtualServer) {
        return (suspended ? "Suspending" : "Activating") + " healthchecker for service " + realServer + " for VS "
                + virtualServer;
    }

    /**
     * A check of {@code checker} falls due at {@code now}: null to run it, or, while {@code suspendedNow}, the schedule
     * that replaces it (keepalived's disabled checker re-arms its thread a {@code delay_loop} later and checks nothing).
     */
    static HealthAction.Schedule due(boolean suspendedNow, int checker, long now, long delayLoop) {
        return suspendedNow ? new HealthAction.Schedule(checker, now + delayLoop) : null;
    }
}
