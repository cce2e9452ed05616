package io.jkeepalived.netlink;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The socket calls of {@link SocketCalls} and {@link MessageCalls} bound through jffi, the layer under jnr-ffi,
 * without jnr-ffi's {@code LibraryLoader}.
 *
 * <p>Why: jnr-ffi's first binding generates an implementation class per interface with ASM (and x86 stubs with
 * jnr-x86asm) and initialises its type-mapping runtime, about 400 classes outside the JDK's CDS archive and a
 * few hundred lambda and stream classes; profiled in the kernel lab (qemu software emulation) that took 7.6–9.5 s
 * of the IPVS programming benchmark before the first request (bench/README.md). jffi's {@link Invoker} calls a
 * symbol address with a prepared libffi {@link CallContext}: a few dozen classes, nothing generated. Every other
 * native call of the module keeps jnr-ffi's interfaces; only the netlink request path (and {@link
 * UnixDatagramSocket}, which shares its two classes) goes through here.
 *
 * <p>Raw: returns what libc returned; the callers read {@link #errno()} right after a failure and turn it into
 * a {@link SyscallException}. Buffers are direct; their address plus position is passed, as jnr-ffi does.
 */
final class DirectLibc {
    private static final Type SIZE_T = Type.UINT64;
    private static final Type SSIZE_T = Type.SINT64;

    private DirectLibc() {
    }

    /** Resolved on first use: nothing native is loaded until a socket is opened. */
    private static final class Holder {
        static final Invoker INVOKER = Invoker.getInstance();
        static final MemoryIO MEMORY = MemoryIO.getInstance();
        static final Library LIBC = Library.getDefault();

        static final long SOCKET = symbol("socket");
        static final long BIND = symbol("bind");
        static final long GETSOCKNAME = symbol("getsockname");
        static final long SETSOCKOPT = symbol("setsockopt");
        static final long GETSOCKOPT = symbol("getsockopt");
        static final long FCNTL = symbol("fcntl");
        static final long CLOSE = symbol("close");
        static final long SENDTO = symbol("sendto");
        static final long RECVFROM = symbol("recvfrom");
        static final long POLL = symbol("poll");

        // int f(int, int, int): socket, fcntl
        static final CallContext INT_III = context(Type.SINT32, Type.SINT32, Type.SINT32, Type.SINT32);
        // int f(int, void *, socklen_t): bind
        static final CallContext INT_IPU = context(Type.SINT32, Type.SINT32, Type.POINTER, Type.UINT32);
        // int f(int, void *, socklen_t *): getsockname
        static final CallContext INT_IPP = context(Type.SINT32, Type.SINT32, Type.POINTER, Type.POINTER);
        // int f(int, int, int, void *, socklen_t): setsockopt
        static final CallContext INT_IIIPU = context(Type.SINT32, Type.SINT32, Type.SINT32, Type.SINT32, Type.POINTER, Type.UINT32);
        // int f(int, int, int, void *, socklen_t *): getsockopt
        static final CallContext INT_IIIPP = context(Type.SINT32, Type.SINT32, Type.SINT32, Type.SINT32, Type.POINTER, Type.POINTER);
        // int close(int)
        static final CallContext INT_I = context(Type.SINT32, Type.SINT32);
        // ssize_t sendto(int, const void *, size_t, int, const struct sockaddr *, socklen_t)
        static final CallContext SENDTO_CTX = context(SSIZE_T, Type.SINT32, Type.POINTER, SIZE_T, Type.SINT32, Type.POINTER, Type.UINT32);
        // ssize_t recvfrom(int, void *, size_t, int, struct sockaddr *, socklen_t *)
        static final CallContext RECVFROM_CTX = context(SSIZE_T, Type.SINT32, Type.POINTER, SIZE_T, Type.SINT32, Type.POINTER, Type.POINTER);
        // int poll(struct pollfd *, nfds_t, int)
        static final CallContext POLL_CTX = context(Type.SINT32, Type.POINTER, Type.UINT64, Type.SINT32);

        private static long symbol(String name) {
            long address = LIBC.getSymbolAddress(name);
            if (address == 0) {
                throw new UnsatisfiedLinkError("libc has no " + name + ": " + Library.getLastError());
            }
            return address;
        }

        private static CallContext context(Type result, Type... parameters) {
            return CallContext.getCallContext(result, parameters, CallingConvention.DEFAULT, true);
        }
    }

    /** The errno the last call on this thread saved. */
    static int errno() {
        return LastError.getInstance().get();
    }

    /** The address of a direct buffer's position (0 for null). */
    private static long address(ByteBuffer buffer) {
        if (buffer == null) {
            return 0;
        }
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("native calls take direct buffers only");
        }
        return Holder.MEMORY.getDirectBufferAddress(buffer) + buffer.position();
    }

    static int socket(int domain, int type, int protocol) {
        return (int) Holder.INVOKER.invokeN3(Holder.INT_III, Holder.SOCKET, domain, type, protocol);
    }

    static int bind(int fd, ByteBuffer addr, int length) {
        try {
            return (int) Holder.INVOKER.invokeN3(Holder.INT_IPU, Holder.BIND, fd, address(addr), length);
        } finally {
            Reference.reachabilityFence(addr);
        }
    }

    /** {@code length} holds the socklen_t in and out (a direct buffer of at least 4 bytes, native order). */
    static int getsockname(int fd, ByteBuffer addr, ByteBuffer length) {
        try {
            return (int) Holder.INVOKER.invokeN3(Holder.INT_IPP, Holder.GETSOCKNAME, fd, address(addr), address(length));
        } finally {
            Reference.reachabilityFence(addr);
            Reference.reachabilityFence(length);
        }
    }

    static int setsockopt(int fd, int level, int option, ByteBuffer value, int length) {
        try {
            return (int) Holder.INVOKER.invokeN5(Holder.INT_IIIPU, Holder.SETSOCKOPT, fd, level, option, address(value), length);
        } finally {
            Reference.reachabilityFence(value);
        }
    }

    static int getsockopt(int fd, int level, int option, ByteBuffer value, ByteBuffer length) {
        try {
            return (int) Holder.INVOKER.invokeN5(Holder.INT_IIIPP, Holder.GETSOCKOPT, fd, level, option, address(value), address(length));
        } finally {
            Reference.reachabilityFence(value);
            Reference.reachabilityFence(length);
        }
    }

    static int fcntl(int fd, int cmd, int arg) {
        return (int) Holder.INVOKER.invokeN3(Holder.INT_III, Holder.FCNTL, fd, cmd, arg);
    }

    static int close(int fd) {
        return (int) Holder.INVOKER.invokeN1(Holder.INT_I, Holder.CLOSE, fd);
    }

    /** Sends {@code buf}'s position to limit; {@code addr} (position to limit) may be null. */
    static long sendto(int fd, ByteBuffer buf, int flags, ByteBuffer addr) {
        try {
            return Holder.INVOKER.invokeN6(Holder.SENDTO_CTX, Holder.SENDTO, fd, address(buf), buf.remaining(), flags,
                    address(addr), addr == null ? 0 : addr.remaining());
        } finally {
            Reference.reachabilityFence(buf);
            Reference.reachabilityFence(addr);
        }
    }

    /** Receives into {@code buf}'s position to limit; {@code addr}/{@code addrlen} may both be null. */
    static long recvfrom(int fd, ByteBuffer buf, int flags, ByteBuffer addr, ByteBuffer addrlen) {
        try {
            return Holder.INVOKER.invokeN6(Holder.RECVFROM_CTX, Holder.RECVFROM, fd, address(buf), buf.remaining(), flags,
                    address(addr), address(addrlen));
        } finally {
            Reference.reachabilityFence(buf);
            Reference.reachabilityFence(addr);
            Reference.reachabilityFence(addrlen);
        }
    }

    static int poll(ByteBuffer fds, int nfds, int timeoutMillis) {
        try {
            return (int) Holder.INVOKER.invokeN3(Holder.POLL_CTX, Holder.POLL, address(fds), nfds, timeoutMillis);
        } finally {
            Reference.reachabilityFence(fds);
        }
    }

    /** A small direct scratch buffer in native order (socklen_t, pollfd, option values). */
    static ByteBuffer scratch(int size) {
        return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
    }
}
