package io.jkeepalived.daemon;

import io.jkeepalived.conf.ConfigWriter;
import io.jkeepalived.conf.KeepalivedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The configuration the daemon applied, kept for {@code jkeepalived reload --dry-run}: a reload's plan needs the
 * running configuration, and the files on disk may have been edited since. The daemon writes the parsed
 * configuration in keepalived.conf syntax ({@link ConfigWriter}: includes expanded, {@code -i} resolved) to
 * {@code DIR/jkeepalived/NAME.conf} beside its main pid file {@code DIR/NAME.pid} — {@code /run/keepalived.pid}
 * gives {@code /run/jkeepalived/keepalived.conf} — after the start and after each applied reload, written to a
 * temporary file and renamed, mode 0600, and removes it on exit.
 */
final class ReloadSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived");

    private ReloadSnapshot() {
    }

    /** Where the daemon with this main pid file keeps its applied configuration. */
    static Path path(Path pidFile) {
        Path abs = pidFile.toAbsolutePath();
        String name = abs.getFileName().toString();
        if (name.endsWith(".pid")) {
            name = name.substring(0, name.length() - 4);
        }
        return abs.resolveSibling("jkeepalived").resolve(name + ".conf");
    }

    /** Writes the snapshot; a failure is logged (only {@code reload --dry-run} needs it). */
    static void write(Path pidFile, KeepalivedConfig config) {
        Path target = path(pidFile);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, ConfigWriter.write(config), StandardCharsets.ISO_8859_1);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.info("Unable to write the applied configuration to {} (reload --dry-run needs it): {}", target,
                    e.getMessage());
        }
    }

    static void remove(Path pidFile) {
        try {
            Files.deleteIfExists(path(pidFile));
        } catch (IOException e) {
            // at exit: nothing left to do about it
        }
    }
}
