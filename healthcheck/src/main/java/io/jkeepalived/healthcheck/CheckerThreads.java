package io.jkeepalived.healthcheck;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.ThreadFactory;

/**
 * The checker's event loop threads, with a hook each runs first on itself: the daemon sets it to apply
 * keepalived's {@code checker_priority} / {@code checker_rt_priority} (they are per thread here, see the daemon's
 * ProcessScheduling), which must be done by the thread itself since only it knows its kernel thread id.
 */
public final class CheckerThreads {
    private static volatile Runnable onEventLoopStart = () -> { };

    private CheckerThreads() {
    }

    /** Sets what every event loop thread started from now on runs first; it must not throw or block. */
    public static void onEventLoopStart(Runnable hook) {
        onEventLoopStart = hook == null ? () -> { } : hook;
    }

    /** Netty's daemon thread factory named {@code prefix}, running the hook at each thread's start. */
    static ThreadFactory eventLoops(String prefix) {
        DefaultThreadFactory netty = new DefaultThreadFactory(prefix, true);
        return r -> {
            Runnable hook = onEventLoopStart;
            return netty.newThread(() -> {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    // a scheduling setting that cannot be applied must not cost the checks
                }
                r.run();
            });
        };
    }
}
