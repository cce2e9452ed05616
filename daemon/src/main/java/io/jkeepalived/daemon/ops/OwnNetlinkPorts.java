package io.jkeepalived.daemon.ops;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a netlink port id belongs to a socket of this process. keepalived's VRRP process does not report the address
 * changes it made itself (the notification's nlmsg_pid is its command socket's port); jkeepalived's VIPs are set by
 * several sockets of one JVM, so the port ids are read from {@code /proc/self/net/netlink} (port and inode of every
 * netlink socket) and {@code /proc/self/fd} (the inodes this process holds).
 */
final class OwnNetlinkPorts {
    /** Reads at most this many descriptors: a bound on the walk, far above what the daemon holds. */
    private static final int MAX_FDS = 65536;

    private final Path netlinkTable;
    private final Path fdDirectory;
    private Set<Integer> ports = Set.of();

    OwnNetlinkPorts(Path netlinkTable, Path fdDirectory) {
        this.netlinkTable = netlinkTable;
        this.fdDirectory = fdDirectory;
    }

    static OwnNetlinkPorts ofThisProcess() {
        return new OwnNetlinkPorts(Path.of("/proc/self/net/netlink"), Path.of("/proc/self/fd"));
    }

    /** True when {@code port} (non-zero) is one of ours; the table is read again when the port is not known yet. */
    boolean contains(int port) {
        if (port == 0) {
            return false; // the kernel's own changes (an interface going away, DAD)
        }
        if (ports.contains(port)) {
            return true;
        }
        try {
            ports = read();
        } catch (IOException | RuntimeException e) {
            return false; // when in doubt, log the line
        }
        return ports.contains(port);
    }

    private Set<Integer> read() throws IOException {
        Set<Long> inodes = new HashSet<>();
        int n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDirectory)) {
            for (Path fd : fds) {
                if (++n > MAX_FDS) {
                    break;
                }
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && target.endsWith("]")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException | NumberFormatException e) {
                    // closed meanwhile, or not a socket
                }
            }
        }
        return portsOf(Files.readAllLines(netlinkTable), inodes);
    }

    /**
     * The port ids of the sockets in {@code table} (the lines of /proc/net/netlink: sk Eth Pid Groups Rmem Wmem Dump
     * Locks Drops Inode) whose inode is in {@code inodes}.
     */
    static Set<Integer> portsOf(List<String> table, Set<Long> inodes) {
        Set<Integer> out = new HashSet<>();
        for (String line : table) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !Character.isDigit(f[2].charAt(0))) {
                continue; // the header, or a line of a format we do not know
            }
            try {
                if (inodes.contains(Long.parseLong(f[9]))) {
                    out.add((int) Long.parseLong(f[2]));
                }
            } catch (NumberFormatException e) {
                // not a socket line
            }
        }
        return out;
    }
}
