package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.SyscallException;

import java.io.IOException;

/**
 * The kernel refused an IPVS request. The message says what was being done and to what, then the errno:
 * {@code "adding service TCP 198.51.100.10:80: EEXIST (File exists)"}; {@link #errnoName()} lets callers react
 * (a service that is already there, a destination that is not).
 */
public class IpvsException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String errnoName;

    public IpvsException(String action, SyscallException cause) {
        this(action, cause, null);
    }

    /** With {@code hint} appended after the errno text, e.g. what the errno means for this request. */
    public IpvsException(String action, SyscallException cause, String hint) {
        super(action + ": " + detail(cause) + (hint == null ? "" : "; " + hint), cause);
        this.errno = cause.errno();
        this.errnoName = cause.errnoName();
    }

    public IpvsException(String message) {
        super(message);
        this.errno = 0;
        this.errnoName = null;
    }

    /** "EEXIST (File exists)" and any kernel text after it, without the netlink call prefix. */
    private static String detail(SyscallException e) {
        String m = e.getMessage();
        String prefix = e.call() + ": ";
        return m != null && m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /** The positive errno, 0 when this error did not come from the kernel. */
    public int errno() {
        return errno;
    }

    /** "EEXIST", "ESRCH", ...; null when this error did not come from the kernel. */
    public String errnoName() {
        return errnoName;
    }
}
