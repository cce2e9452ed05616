package io.jkeepalived.netlink;

import java.io.IOException;

/** A netlink message that does not follow the kernel's layout: truncated, bad lengths, missing attributes. */
public class NetlinkFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NetlinkFormatException(String message) {
        super(message);
    }
}
