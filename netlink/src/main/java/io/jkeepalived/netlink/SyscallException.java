package io.jkeepalived.netlink;

import java.io.IOException;

/**
 * A failed system call or a kernel-reported netlink error, carrying the errno so that callers can react to
 * specific outcomes (an address that already exists is {@code EEXIST}, a monitor that fell behind is
 * {@code ENOBUFS}) without parsing the message. The message names the call and its subject:
 * {@code "sendto(NETLINK_ROUTE): EPERM (Operation not permitted)"}.
 */
public class SyscallException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;
    private final String errnoName;

    SyscallException(String call, int errno, String errnoName, String errnoMessage) {
        this(call, errno, errnoName, errnoMessage, null);
    }

    SyscallException(String call, int errno, String errnoName, String errnoMessage, String detail) {
        super(call + ": " + errnoName + " (" + errnoMessage + ")" + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.call = call;
        this.errno = errno;
        this.errnoName = errnoName;
    }

    /** What failed, e.g. {@code sendto(NETLINK_ROUTE)} or {@code RTM_NEWADDR}. */
    public String call() {
        return call;
    }

    /** The positive errno value. */
    public int errno() {
        return errno;
    }

    /** The symbolic errno name, e.g. {@code EEXIST}. */
    public String errnoName() {
        return errnoName;
    }
}
