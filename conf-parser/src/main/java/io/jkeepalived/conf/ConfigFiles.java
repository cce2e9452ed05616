package io.jkeepalived.conf;

import io.jkeepalived.conf.parser.ConfigError;
import io.jkeepalived.conf.parser.Diagnostics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** keepalived's {@code check_conf_file()} for the main file. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static boolean checkMainFile(String file, Diagnostics diag) {
        Path p = Path.of(file);
        if (!Files.exists(p)) {
            diag.report(ConfigError.FILE_NOT_FOUND, "Config files missing '%s'.", file);
            return false;
        }
        if (Files.isDirectory(p)) {
            diag.report(ConfigError.FILE_NOT_FOUND, "Configuration file '%s' is a directory - skipping", file.endsWith("/") ? file : file + "/");
            return false;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!Files.isRegularFile(p) || perms.contains(PosixFilePermission.OWNER_EXECUTE)
                    || perms.contains(PosixFilePermission.GROUP_EXECUTE) || perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                diag.report(ConfigError.FILE_NOT_FOUND, "Configuration file '%s' is not a regular non-executable file - skipping", file);
                return false;
            }
        } catch (java.io.IOException | UnsupportedOperationException e) {
            diag.report(ConfigError.FILE_NOT_FOUND, "Unable to read configuration file %s", file);
            return false;
        }
        if (!Files.isReadable(p)) {
            diag.report(ConfigError.FILE_NOT_FOUND, "Unable to read configuration file %s", file);
            return false;
        }
        return true;
    }
}
