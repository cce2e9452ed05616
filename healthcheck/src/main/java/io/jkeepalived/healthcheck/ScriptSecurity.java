package io.jkeepalived.healthcheck;

import java.nio.file.Path;

/** keepalived's script security check, shared by notify scripts and MISC_CHECK. */
public final class ScriptSecurity {
    private ScriptSecurity() {
    }

    /** check_script_secure for a script run as root: the file and every directory above it root's alone. */
    public static boolean secure(Path file) {
        return NotifyRunner.secure(file);
    }
}
