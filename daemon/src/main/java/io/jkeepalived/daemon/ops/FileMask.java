package io.jkeepalived.daemon.ops;

import io.jkeepalived.netlink.FileCreationMask;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * keepalived's {@code -u/--umask}: the process's file creation mask, which decides the modes of the files the daemon
 * creates (pid files, the log file, notify FIFOs, the dumps). keepalived runs with 0177 unless {@code -u} says
 * otherwise; jkeepalived changes the mask only when {@code -u} is given (a JVM's other files and the scripts it runs
 * keep the mask they were started with), and creates the dumps with keepalived's default mode 0600 otherwise.
 */
public final class FileMask {
    /** keepalived's default mask (lib/utils.c umask_val): files are created rw------- at most. */
    public static final int KEEPALIVED_DEFAULT = 0177;

    private static volatile int mask = KEEPALIVED_DEFAULT;

    private FileMask() {
    }

    /** Applies {@code -u MASK} (already checked to be within 0777) to the whole process. */
    public static void apply(int newMask) {
        FileCreationMask.set(newMask);
        mask = newMask;
    }

    /** The mask in effect for the daemon's files: keepalived's 0177, or {@code -u}'s. */
    public static int current() {
        return mask;
    }

    /** The mode a dump file is created with: 0666 less the mask, as fopen(3) under keepalived's umask gives. */
    public static Set<PosixFilePermission> dumpPermissions() {
        return permissions(0666 & ~mask);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder b = new StringBuilder(9);
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            b.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return PosixFilePermissions.fromString(b.toString());
    }
}
