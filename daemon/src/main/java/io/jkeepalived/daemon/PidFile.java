package io.jkeepalived.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A pid file as keepalived keeps them ({@code -p}, {@code -r}, {@code -c}): the decimal pid and a newline,
 * written when the process starts and removed when it stops. A file naming a live process means the daemon
 * is already running; a file left by a killed process is stale and is replaced.
 */
final class PidFile {
    private final Path path;

    PidFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** True when the file names a process that is alive (and is not this one). */
    boolean namesLiveProcess() {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).trim());
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | NumberFormatException e) {
            return false; // unreadable or garbage: stale, as keepalived treats it
        }
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Writes this process's pid, through a temporary file so a reader never sees a half-written number. */
    void write() throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the file if it still names this process (another daemon may own it by now). */
    void remove() {
        try {
            String content = Files.readString(path, StandardCharsets.US_ASCII).trim();
            if (content.equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // already gone, or not ours to remove
        }
    }
}
