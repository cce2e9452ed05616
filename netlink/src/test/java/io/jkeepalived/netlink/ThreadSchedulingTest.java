package io.jkeepalived.netlink;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scheduling calls against the kernel, each on a thread of its own (so the test JVM's other threads keep
 * theirs), read back from {@code /proc/self/task/TID}. SCHED_RR needs root (CAP_SYS_NICE); skipped otherwise.
 */
class ThreadSchedulingTest {
    @BeforeAll
    static void linux() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
    }

    /** Field {@code n} (1-based, as in proc(5)) of a thread's stat line; the name in parentheses may hold spaces. */
    static long statField(int tid, int n) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(rest[n - 3]);
    }

    private static <T> T onThread(java.util.concurrent.Callable<T> body) throws Exception {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                out.set(body.call());
            } catch (Throwable e) {
                out.set(e);
            }
        }, "jk-sched-test");
        t.start();
        t.join(10_000);
        if (out.get() instanceof Exception e) {
            throw e;
        }
        if (out.get() instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked") T r = (T) out.get();
        return r;
    }

    @Test
    void threadIdIsOneOfThisProcessesTasks() throws Exception {
        int tid = onThread(ThreadScheduling::currentThreadId);
        assertThat(tid).isPositive().isNotEqualTo((int) ProcessHandle.current().pid());
        assertThat(ThreadScheduling.currentThreadId()).isNotEqualTo(tid);
    }

    @Test
    void niceIsSetOnTheThreadOnly() throws Exception {
        long[] nices = onThread(() -> {
            int tid = ThreadScheduling.currentThreadId();
            ThreadScheduling.setNice(tid, 7); // raising the nice value needs no privilege
            return new long[]{statField(tid, 19), statField((int) ProcessHandle.current().pid(), 19)};
        });
        assertThat(nices[0]).isEqualTo(7);
        assertThat(nices[1]).isNotEqualTo(7);
    }

    @Test
    void timerSlackIsReadBack() throws Exception {
        Path probe = Path.of("/proc/self/timerslack_ns");
        Assumptions.assumeTrue(Files.exists(probe), "kernel without /proc/PID/timerslack_ns (before 4.6)");
        String slack = onThread(() -> {
            int tid = ThreadScheduling.currentThreadId();
            ThreadScheduling.setTimerSlackNanos(1000);
            // per thread only as /proc/TID (task/TID has no such file)
            return Files.readString(Path.of("/proc/" + tid + "/timerslack_ns")).trim();
        });
        assertThat(slack).isEqualTo("1000");
    }

    @Test
    void roundRobinAndBackWithRoot() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "SCHED_RR needs root (CAP_SYS_NICE)");
        long[] seen = onThread(() -> {
            int tid = ThreadScheduling.currentThreadId();
            ThreadScheduling.setRoundRobin(tid, 10);
            long policy = statField(tid, 41);
            long rt = statField(tid, 40);
            ThreadScheduling.setNormal(tid);
            return new long[]{policy, rt, statField(tid, 41)};
        });
        assertThat(seen).containsExactly(2, 10, 0); // SCHED_RR at 10, then SCHED_OTHER
        assertThat(ThreadScheduling.minRoundRobinPriority()).isEqualTo(1);
        assertThat(ThreadScheduling.maxRoundRobinPriority()).isEqualTo(99);
    }

    @Test
    void failuresNameTheCallAndErrno() {
        // no such thread: ESRCH, reported with the call and its arguments
        assertThatThrownBy(() -> ThreadScheduling.setNice(Integer.MAX_VALUE, 1))
                .isInstanceOf(SyscallException.class).hasMessageContaining("setpriority(").hasMessageContaining("ESRCH");
    }

    @Test
    void outOfRangeValuesAreRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> ThreadScheduling.setNice(1, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadScheduling.setRoundRobin(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadScheduling.setRoundRobin(1, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadScheduling.setTimerSlackNanos(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadScheduling.setRealtimeLimit(10, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
