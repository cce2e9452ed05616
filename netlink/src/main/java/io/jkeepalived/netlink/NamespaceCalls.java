package io.jkeepalived.netlink;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** Network namespace switching: open(2) of a namespace file and setns(2) with CLONE_NEWNET, for the calling thread. */
final class NamespaceCalls {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    /** The libc functions; public only because jnr-ffi implements it from another class loader. */
    public interface LibC {
        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private NamespaceCalls() {
    }

    /** Moves the calling thread (only it) into the network namespace of the file {@code path}. */
    static void enterNetworkNamespace(String path) throws SyscallException {
        int fd = Holder.LIBC.open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw Errno.exception("open(" + path + ")", Holder.RUNTIME.getLastError());
        }
        try {
            if (Holder.LIBC.setns(fd, CLONE_NEWNET) < 0) {
                throw Errno.exception("setns(" + path + ", CLONE_NEWNET)", Holder.RUNTIME.getLastError());
            }
        } finally {
            Holder.LIBC.close(fd);
        }
    }
}
