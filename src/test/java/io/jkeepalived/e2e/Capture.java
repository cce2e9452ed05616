package io.jkeepalived.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A packet capture on the lab bridge with dumpcap, read back with tshark: the independent judge of what
 * went on the wire (TTL, checksums, malformed packets, GARP counts and spacing).
 */
public final class Capture implements AutoCloseable {
    private final NetNs.Daemon dumpcap;
    private final Path file;

    private Capture(NetNs.Daemon dumpcap, Path file) {
        this.dumpcap = dumpcap;
        this.file = file;
    }

    /** True when tshark and dumpcap are installed. */
    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/tshark")) && Files.isExecutable(Path.of("/usr/bin/dumpcap"));
    }

    /**
     * Starts capturing on {@code br0} in the bridge namespace with a BPF {@code filter}, and waits (bounded)
     * until dumpcap says it is capturing so the first packets are not missed.
     */
    public static Capture start(NetNs lab, Path dir, String filter) throws IOException, InterruptedException {
        Path file = dir.resolve("capture-" + System.nanoTime() + ".pcapng");
        Path log = dir.resolve(file.getFileName() + ".log");
        NetNs.Daemon d = lab.bridgeHost().start(log, "/usr/bin/dumpcap", "-q", "-i", "br0", "-f", filter,
                "-w", file.toString());
        for (int i = 0; i < 250 && !Files.exists(file); i++) {
            Thread.sleep(20);
        }
        Thread.sleep(200); // dumpcap creates the file just before it starts reading the interface
        return new Capture(d, file);
    }

    /**
     * Decodes what was captured (call {@link #close()} first): one line per packet matching the tshark
     * {@code displayFilter}, with the {@code fields} asked for separated by commas.
     */
    public List<String> read(String displayFilter, String... fields) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/tshark", "-r", file.toString(), "-T", "fields",
                "-E", "separator=,"));
        if (!displayFilter.isEmpty()) {
            cmd.addAll(List.of("-Y", displayFilter));
        }
        for (String f : fields) {
            cmd.addAll(List.of("-e", f));
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        p.waitFor();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (dumpcap.process().isAlive()) {
            NetNs.killGroup(dumpcap, "INT"); // INT lets dumpcap flush the file
            if (!dumpcap.process().waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                NetNs.killGroup(dumpcap, "KILL");
            }
        }
    }
}
