package io.jkeepalived.netlink;

import java.io.IOException;

/** The kernel changed the dumped table while the dump ran (NLM_F_DUMP_INTR): the result may be inconsistent. */
public class DumpInterruptedException extends IOException {
    private static final long serialVersionUID = 1L;

    public DumpInterruptedException(String message) {
        super(message);
    }
}
