package io.jkeepalived.daemon.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A notify FIFO ({@code notify_fifo} / {@code vrrp_notify_fifo}) as keepalived's fifo_open() sets it up: created
 * with mode 0644 if missing (and given to its user), its reader script started with the FIFO's name appended,
 * then opened read-write so that opening never waits for a reader. keepalived writes non-blocking and drops a line
 * the pipe has no room for; here a writer thread takes the lines from a bounded queue, so the VRRP thread never
 * waits, and a line is dropped only when the queue is full. On close the FIFO is unlinked first (if we created it),
 * so a reader that reopens it in a loop cannot find it again.
 */
final class NotifyFifo implements Notifier.LineSink {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.vrrp");
    /** Lines waiting for a slow reader; beyond this they are dropped, as keepalived's EAGAIN drops them. */
    private static final int MAX_QUEUED = 4096;
    private static final String STOP_WRITER = new String("stop"); // identity marks the end of the queue

    private final String name;
    private final FileChannel channel;
    private final boolean created;
    private final Process script;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final Thread writer;
    private volatile boolean dropping;
    /** Set at close: keepalived kills the FIFO script at shutdown without its "terminated" line. */
    private final java.util.concurrent.atomic.AtomicBoolean closing;

    private NotifyFifo(String name, FileChannel channel, boolean created, Process script,
                       java.util.concurrent.atomic.AtomicBoolean closing) {
        this.closing = closing;
        this.name = name;
        this.channel = channel;
        this.created = created;
        this.script = script;
        this.writer = new Thread(this::writeLoop, "notify-fifo");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Creates (if needed) and opens the FIFO, and starts its script; null after keepalived's log line if it
     * cannot be used.
     *
     * @param type   "" for {@code notify_fifo}, "vrrp_" for {@code vrrp_notify_fifo} (keepalived's messages)
     * @param script the reader script's words (the FIFO name is appended), or null
     */
    static NotifyFifo open(String type, String name, int uid, int gid, List<String> script, int scriptUid,
                           int scriptGid, NotifyLauncher launcher) {
        Path path = Path.of(name);
        boolean created = false;
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!mkfifo(path)) {
                LOG.info("Unable to create {}notify fifo {}", type, name);
                return null;
            }
            created = true;
            if (uid != 0 || gid != 0) {
                try {
                    Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException | RuntimeException e) {
                    LOG.info("Failed to set uid:gid for fifo {}", name);
                }
            }
        }
        Process reader = null;
        java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
        if (script != null && !script.isEmpty()) {
            List<String> args = new ArrayList<>(script);
            args.add(name);
            reader = launcher.start(args, scriptUid, scriptGid);
            if (reader != null) {
                // keepalived's vrrp_notify_fifo_script_exit(), for the global FIFO's script too
                reader.onExit().thenRun(() -> {
                    if (!closing.get()) {
                        LOG.info("vrrp notify fifo script terminated");
                    }
                });
            }
        }
        FileChannel ch;
        try {
            // read-write: opening a FIFO write-only would wait for a reader
            ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            LOG.info("Unable to open {}notify fifo {} - {}", type, name, e.getMessage());
            if (created) {
                deleteQuietly(path);
            }
            if (reader != null) {
                NotifyLauncher.terminate(reader);
            }
            return null;
        }
        return new NotifyFifo(name, ch, created, reader, closing);
    }

    /** mkfifo(name, 0644): the JDK has no call for it, coreutils' mkfifo makes it. */
    private static boolean mkfifo(Path path) {
        try {
            Process p = new ProcessBuilder("mkfifo", "-m", "0644", "--", path.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Queues a line; never blocks. */
    @Override
    public void write(String line) {
        if (!queue.offer(line)) {
            if (!dropping) {
                dropping = true;
                LOG.info("notify fifo {}: no reader keeps up, dropping lines", name);
            }
        } else {
            dropping = false;
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                String line = queue.take();
                if (line == STOP_WRITER) {
                    return;
                }
                ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // closed under us at shutdown, or the FIFO vanished: nothing more can be delivered
        }
    }

    /**
     * Writes what is queued (bounded wait), unlinks the FIFO if we created it, closes it, then stops its script
     * (SIGTERM, as keepalived's script_killall at shutdown).
     */
    @Override
    public void close() {
        closing.set(true);
        try {
            queue.offer(STOP_WRITER, 1, TimeUnit.SECONDS);
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (created) {
            deleteQuietly(Path.of(name));
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing at exit
        }
        writer.interrupt();
        if (script != null && script.isAlive()) {
            // give the reader a moment to read what was written before it is told to stop
            NotifyLauncher.await(script, java.time.Duration.ofMillis(200));
            NotifyLauncher.terminate(script);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a FIFO left behind is reused at the next start
        }
    }
}
