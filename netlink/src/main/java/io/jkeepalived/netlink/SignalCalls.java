package io.jkeepalived.netlink;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.SaveError;

/**
 * sigaction(2) for one signal's disposition. The JVM has no call for it: HotSpot refuses to install a handler for a
 * signal that was ignored when the process started (nohup), so the disposition is reset here first, as keepalived's
 * own sigaction of its handlers overrides whatever it inherited.
 *
 * <p>glibc's {@code struct sigaction} on the 64-bit Linux ABIs the project runs on (x86_64, aarch64): the handler
 * (8 bytes), the mask ({@code sigset_t}, 128 bytes), {@code int sa_flags} (4 bytes, 4 of padding), the restorer
 * (8 bytes).
 */
final class SignalCalls {
    static final long SIG_DFL = 0;
    static final long SIG_IGN = 1;
    private static final int HANDLER = 0;
    private static final int SIZE = 8 + 128 + 8 + 8;

    /** The libc function; public only because jnr-ffi implements it from another class loader. */
    public interface LibC {
        @SaveError int sigaction(int signum, Pointer act, Pointer oldact);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private SignalCalls() {
    }

    /** The handler word of {@code signum}'s current disposition: {@link #SIG_DFL}, {@link #SIG_IGN} or an address. */
    static long handler(int signum) throws SyscallException {
        Pointer old = Memory.allocateDirect(Holder.RUNTIME, SIZE);
        if (Holder.LIBC.sigaction(signum, null, old) < 0) {
            throw Errno.exception("sigaction(" + signum + ")", Holder.RUNTIME.getLastError());
        }
        return old.getLong(HANDLER);
    }

    /** Sets {@code signum}'s disposition to {@code handler} (SIG_DFL or SIG_IGN), no flags, nothing blocked. */
    static void set(int signum, long handler) throws SyscallException {
        Pointer act = Memory.allocateDirect(Holder.RUNTIME, SIZE, true);
        act.putLong(HANDLER, handler);
        if (Holder.LIBC.sigaction(signum, act, null) < 0) {
            throw Errno.exception("sigaction(" + signum + ")", Holder.RUNTIME.getLastError());
        }
    }
}
