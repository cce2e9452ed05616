package io.jkeepalived.netlink;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Running code inside a named network namespace ({@code ip netns add NAME}, i.e. {@code /run/netns/NAME}).
 *
 * <p>setns(2) moves only the calling thread, so the task runs on a fresh platform thread that joins the namespace
 * and then ends: no pooled thread is ever left in the wrong namespace. A socket keeps the namespace it was
 * created in for its whole life, so a socket opened by the task can be used from any thread afterwards.
 */
public final class NetworkNamespace {
    /** Where iproute2 bind-mounts named namespaces. */
    public static final String NETNS_DIR = "/run/netns/";

    private NetworkNamespace() {
    }

    /** Runs {@code task} in namespace {@code name} and returns its result; its exceptions are rethrown here. */
    public static <T> T callIn(String name, Callable<T> task) throws IOException {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid network namespace name: '" + name + "'");
        }
        return callInPath(NETNS_DIR + name, task);
    }

    /** Like {@link #callIn} with a namespace file path such as {@code /proc/1234/ns/net}. */
    public static <T> T callInPath(String path, Callable<T> task) throws IOException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                NamespaceCalls.enterNetworkNamespace(path);
                result.set(task.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "netns-" + path);
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running in network namespace " + path, e);
        }
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IOException("in network namespace " + path + ": " + t, t);
        }
        return result.get();
    }
}
