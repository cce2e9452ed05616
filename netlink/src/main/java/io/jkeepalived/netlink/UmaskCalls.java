package io.jkeepalived.netlink;

import jnr.ffi.LibraryLoader;

/** umask(2): it cannot fail, so unlike the other call classes there is no errno to turn into an exception. */
final class UmaskCalls {
    /** The libc function; public only because jnr-ffi implements it from another class loader. */
    public interface LibC {
        int umask(int mask);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    }

    private UmaskCalls() {
    }

    static int umask(int mask) {
        return Holder.LIBC.umask(mask);
    }
}
