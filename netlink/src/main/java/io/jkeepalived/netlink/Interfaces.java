package io.jkeepalived.netlink;

import java.io.IOException;

/** Interface lookups by name, in the calling thread's network namespace. */
public final class Interfaces {
    private Interfaces() {
    }

    /**
     * The kernel's index for interface {@code name}; fails with {@code ENODEV} when there is none.
     *
     * @throws SyscallException e.g. {@code "if_nametoindex(eth9): ENODEV (No such device)"}
     */
    public static int indexOf(String name) throws IOException {
        return InterfaceCalls.nameToIndex(name);
    }
}
