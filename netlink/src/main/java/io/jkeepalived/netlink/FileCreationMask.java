package io.jkeepalived.netlink;

/**
 * The process's file mode creation mask, for keepalived's {@code -u/--umask}: the JVM has no API for it, and the
 * daemon's files (pid files, log file, FIFOs, dumps) must get the modes keepalived's would.
 */
public final class FileCreationMask {
    private FileCreationMask() {
    }

    /**
     * Sets the whole process's mask to {@code mask} (bits of 0777) and returns the previous one.
     *
     * @throws IllegalArgumentException for bits outside 0777, which umask(2) would silently drop
     */
    public static int set(int mask) {
        if ((mask & ~0777) != 0) {
            throw new IllegalArgumentException("umask " + Integer.toOctalString(mask) + " has bits outside 0777");
        }
        return UmaskCalls.umask(mask);
    }
}
