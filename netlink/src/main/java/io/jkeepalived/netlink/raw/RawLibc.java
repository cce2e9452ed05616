package io.jkeepalived.netlink.raw;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.ssize_t;

import java.io.IOException;

/**
 * The libc calls behind the raw VRRP, AF_PACKET and namespace sockets of this package, and the errno check that
 * turns a failed call into an {@link IOException} naming the syscall and the errno (for example
 * {@code setsockopt(IP_ADD_MEMBERSHIP): ENODEV (errno 19)}).
 *
 * <p>Only x86-64 and aarch64 Linux are supported: both use the LP64 layouts ({@code struct msghdr} of 56 bytes,
 * 16-byte {@code cmsghdr}) that {@link NativeSocket} writes by hand, so the class refuses to load elsewhere rather
 * than corrupt memory.
 */
final class RawLibc {

    /** The functions called; {@code @SaveError} so that errno is read right after the call, on the same thread. */
    public interface Api {
        @SaveError int socket(int domain, int type, int protocol);
        @SaveError int setsockopt(int fd, int level, int name, @In byte[] value, int length);
        @SaveError int getsockopt(int fd, int level, int name, @Out byte[] value, @In @Out int[] length);
        @SaveError int bind(int fd, @In byte[] address, int length);
        @SaveError @ssize_t long sendmsg(int fd, Pointer message, int flags);
        @SaveError @ssize_t long recvmsg(int fd, Pointer message, int flags);
        @SaveError int poll(Pointer fds, long count, int timeoutMillis);
        @SaveError int ppoll(Pointer fds, long count, Pointer timeout, Pointer sigmask);
        @SaveError int fcntl(int fd, int command, int argument);
        @SaveError int close(int fd);
        @SaveError int open(String path, int flags);
        @SaveError int setns(int fd, int namespaceType);
        @SaveError int if_nametoindex(String name);
        @SaveError int eventfd(int initialValue, int flags);
        @SaveError @ssize_t long read(int fd, @Out byte[] buffer, long count);
        @SaveError @ssize_t long write(int fd, @In byte[] buffer, long count);
    }

    // Linux constants (include/uapi/linux/socket.h, in.h, in6.h, if_ether.h, asm-generic/socket.h, fcntl.h).
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_ATTACH_FILTER = 26;
    static final int SO_RCVBUFFORCE = 33;

    static final int IPPROTO_IP = 0;
    static final int IP_TOS = 1;
    static final int IP_TTL = 2;
    static final int IP_HDRINCL = 3;
    static final int IP_PKTINFO = 8;
    static final int IP_RECVTTL = 12;
    static final int IP_MULTICAST_IF = 32;
    static final int IP_MULTICAST_TTL = 33;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;
    static final int IP_MULTICAST_ALL = 49;

    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_CHECKSUM = 7;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MULTICAST_IF = 17;
    static final int IPV6_MULTICAST_HOPS = 18;
    static final int IPV6_MULTICAST_LOOP = 19;
    static final int IPV6_JOIN_GROUP = 20;
    static final int IPV6_MULTICAST_ALL = 29;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int IPV6_TCLASS = 67;

    static final int ETH_P_ALL = 0x0003;
    static final int ETH_P_ARP = 0x0806;
    static final int ETH_P_IPV6 = 0x86DD;

    static final int MSG_CTRUNC = 0x8;
    static final int MSG_DONTROUTE = 0x4;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;

    static final int POLLIN = 0x1;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int O_NONBLOCK = 0x800;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    static final int EPERM = 1;
    static final int EINTR = 4;
    static final int EACCES = 13;
    static final int EAFNOSUPPORT = 97;
    static final int EPROTONOSUPPORT = 93;
    static final int ESOCKTNOSUPPORT = 94;
    static final int EAGAIN = 11;

    private static volatile RawLibc instance;

    final Api api;
    final Runtime runtime;

    private RawLibc() {
        String arch = System.getProperty("os.arch");
        if (!System.getProperty("os.name").startsWith("Linux") || !(arch.equals("amd64") || arch.equals("aarch64"))) {
            throw new UnsupportedOperationException("raw sockets need 64-bit Linux (x86-64 or aarch64), not "
                    + System.getProperty("os.name") + "/" + arch);
        }
        api = LibraryLoader.create(Api.class).load("c");
        runtime = Runtime.getRuntime(api);
    }

    static RawLibc get() {
        RawLibc local = instance;
        if (local == null) {
            synchronized (RawLibc.class) {
                local = instance;
                if (local == null) {
                    local = new RawLibc();
                    instance = local;
                }
            }
        }
        return local;
    }

    int errno() {
        return runtime.getLastError();
    }

    Pointer allocate(int size) {
        return Memory.allocateDirect(runtime, size, true);
    }

    /** Returns {@code result} unless it is negative, in which case errno becomes an IOException naming the call. */
    long check(long result, String syscall) throws IOException {
        if (result < 0) {
            throw failure(syscall, errno());
        }
        return result;
    }

    static IOException failure(String syscall, int errno) {
        return new IOException(syscall + ": " + errnoName(errno) + " (errno " + errno + ")");
    }

    /** Linux errno names (asm-generic/errno-base.h, errno.h) for the values socket calls return. */
    static String errnoName(int errno) {
        if (errno >= 1 && errno < BASE.length) {
            return BASE[errno];
        }
        if (errno >= 88 && errno <= 115) {
            return NET[errno - 88];
        }
        return switch (errno) {
            case 61 -> "ENODATA";
            case 71 -> "EPROTO";
            case 74 -> "EBADMSG";
            case 75 -> "EOVERFLOW";
            case 125 -> "ECANCELED";
            default -> "errno" + errno;
        };
    }

    private static final String[] BASE = {null,
        "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF", "ECHILD",
        "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR",
        "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS",
        "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP"};

    private static final String[] NET = {
        "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT", "ESOCKTNOSUPPORT",
        "EOPNOTSUPP", "EPFNOSUPPORT", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN", "ENETUNREACH",
        "ENETRESET", "ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN", "ETOOMANYREFS",
        "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN", "EHOSTUNREACH", "EALREADY", "EINPROGRESS"};
}
