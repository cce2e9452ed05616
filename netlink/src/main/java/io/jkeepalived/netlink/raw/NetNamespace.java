package io.jkeepalived.netlink.raw;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs code inside a named network namespace ({@code /run/netns/NAME}, as {@code ip netns add} creates it), for
 * keepalived's {@code net_namespace} and for tests. {@code setns(CLONE_NEWNET)} changes only the calling thread, so
 * the task runs on a fresh thread that enters the namespace and then ends; sockets opened there stay in that
 * namespace and may be used from any thread afterwards. The caller's own thread never changes namespace.
 */
public final class NetNamespace {
    private static final String NETNS_DIR = "/run/netns/";

    private NetNamespace() {
    }

    /** Runs {@code task} in namespace {@code name} and returns its result; its exception is rethrown. */
    public static <T> T call(String name, Callable<T> task) throws IOException {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a network namespace name");
        }
        FutureTask<T> future = new FutureTask<>(() -> {
            enter(NETNS_DIR + name);
            return task.call();
        });
        Thread thread = new Thread(future, "netns-" + name);
        thread.setDaemon(true);
        thread.start();
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running in network namespace " + name, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("in network namespace " + name + ": " + cause, cause);
        }
    }

    private static void enter(String path) throws IOException {
        RawLibc libc = RawLibc.get();
        int fd = (int) libc.check(libc.api.open(path, RawLibc.O_RDONLY | RawLibc.O_CLOEXEC), "open(" + path + ")");
        try {
            libc.check(libc.api.setns(fd, RawLibc.CLONE_NEWNET), "setns(" + path + ", CLONE_NEWNET)");
        } finally {
            libc.api.close(fd);
        }
    }

    /**
     * The index of interface {@code name} in the calling thread's network namespace ({@code if_nametoindex}).
     *
     * @throws IOException naming the interface when it does not exist
     */
    public static int interfaceIndex(String name) throws IOException {
        RawLibc libc = RawLibc.get();
        int index = libc.api.if_nametoindex(name);
        if (index == 0) {
            throw RawLibc.failure("if_nametoindex(" + name + ")", libc.errno());
        }
        return index;
    }
}
