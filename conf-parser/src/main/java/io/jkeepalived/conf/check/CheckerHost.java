package io.jkeepalived.conf.check;

import io.jkeepalived.conf.global.GlobalDefsBuilder;

/**
 * What the checker keywords need from the virtual/real server being read: the real server's address
 * (a checker's default destination), names for messages, and the global settings scripts depend on.
 */
public interface CheckerHost {
    /** The address word of the real_server line being read. */
    String realServerAddress();

    /** Identifies the real_server block being read (equal only for the same block). */
    Object realServer();

    /** The port word of the real_server line being read, or null. */
    String realServerPort();

    /** keepalived's FMT_VS of the virtual server being read. */
    String virtualServerName();

    /** Global settings read by the parent phase (script_user, enable_script_security). */
    GlobalDefsBuilder global();
}
