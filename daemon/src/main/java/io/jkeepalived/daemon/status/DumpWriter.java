package io.jkeepalived.daemon.status;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.List;

/**
 * Writes keepalived's dump files on request (SIGUSR1, SIGUSR2, and the JSON alternatives). Each file is written to
 * a temporary file with mode 0600 (keepalived's umask 0177: it may hold the {@code auth_pass}) and renamed into
 * place, so a reader never sees half a file; a failure is logged, never thrown at the daemon.
 */
public final class DumpWriter {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived");
    /** How long a dump waits for the VRRP thread's copy. */
    public static final long STATUS_TIMEOUT_MILLIS = 1000;

    private final StatusSource source;
    private final DumpFacts facts;
    private final DumpPaths paths;

    public DumpWriter(StatusSource source, DumpFacts facts, DumpPaths paths) {
        this.source = source;
        this.facts = facts;
        this.paths = paths;
    }

    /** SIGUSR1: keepalived's "Printing VRRP data for process(PID) on signal". */
    public boolean writeData() {
        LOG.info("Printing VRRP data for process({}) on signal", ProcessHandle.current().pid());
        return write(paths.data(), i -> DataDump.format(i, facts, ZoneId.systemDefault(), interfaces(i)));
    }

    /** SIGUSR2. */
    public boolean writeStats() {
        LOG.info("Printing VRRP stats for process({}) on signal", ProcessHandle.current().pid());
        return write(paths.stats(), StatsDump::format);
    }

    /** keepalived's SIGRTMIN+2, which a JVM cannot receive: see DEVELOPERS.md. */
    public boolean writeJson() {
        LOG.info("Printing VRRP as json for process({}) on signal", ProcessHandle.current().pid());
        return write(paths.json(), i -> JsonDump.format(i, facts) + "\n");
    }

    /** The interface table now, VIPs left out; empty (the section's header only) when netlink cannot be read. */
    private static List<InterfaceFacts> interfaces(List<InstanceStatus> instances) {
        java.util.Set<String> vips = new java.util.HashSet<>();
        for (InstanceStatus i : instances) {
            for (String v : i.vips()) {
                int cut = v.indexOf('/') > 0 ? v.indexOf('/') : v.indexOf(' ');
                vips.add(cut > 0 ? v.substring(0, cut) : v);
            }
        }
        try {
            return InterfaceTable.read(vips);
        } catch (IOException | RuntimeException e) {
            LOG.info("Interface table for the data dump: {}", e.getMessage());
            return List.of();
        }
    }

    private interface Format {
        String apply(List<InstanceStatus> instances);
    }

    private boolean write(Path target, Format format) {
        try {
            writeFile(target, format.apply(source.instances()));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.info("Unable to write {}: {}", target, e.getMessage());
            return false;
        }
    }

    /** Writes {@code text} to {@code target} with mode 0600 (0666 less {@code -u}), atomically (temporary file in the same directory). */
    static void writeFile(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(io.jkeepalived.daemon.ops.FileMask.dumpPermissions()));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("temporary file " + tmp + " appeared while writing the dump", e);
        }
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
