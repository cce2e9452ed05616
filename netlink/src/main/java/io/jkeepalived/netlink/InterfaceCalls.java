package io.jkeepalived.netlink;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** Interface name and index lookups: if_nametoindex(3). They act in the calling thread's network namespace. */
final class InterfaceCalls {
    /** IF_NAMESIZE - 1: longer names cannot exist, so they are refused before reaching libc. */
    static final int MAX_NAME_LENGTH = 15;

    /** The libc functions; public only because jnr-ffi implements it from another class loader. */
    public interface LibC {
        int if_nametoindex(String name);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private InterfaceCalls() {
    }

    static int nameToIndex(String name) throws SyscallException {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.indexOf('\0') >= 0) {
            throw Errno.exception("if_nametoindex(" + name + ")", 19 /* ENODEV */);
        }
        int index = Holder.LIBC.if_nametoindex(name);
        if (index == 0) {
            throw Errno.exception("if_nametoindex(" + name + ")", Holder.RUNTIME.getLastError());
        }
        return index;
    }
}
