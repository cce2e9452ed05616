package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.conf.model.vrrp.TrackFile;
import io.jkeepalived.conf.model.vrrp.Tracked;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code track_file}: reads each tracked file's number on a thread of its own ("vrrp-track-file") and hands each
 * change to the instances tracking it (weights and FAULT as {@link TrackFileStatus} works them out).
 *
 * <p>keepalived watches the files' directories with inotify and re-reads a file when it is closed after writing,
 * moved in or deleted. Here the files are polled every {@value #POLL_MILLIS} ms instead: the JDK's WatchService
 * reports IN_MODIFY (every write, so a reader can see a half-written file) rather than IN_CLOSE_WRITE, needs the
 * directory to exist when the watch starts, and is not guaranteed prompt; a 127-byte read of a few files every
 * {@value #POLL_MILLIS} ms costs nothing measurable. Because a poll can fall between the truncation and the write of
 * {@code echo 5 > file}, a new content is acted on only when two consecutive polls read the same bytes (a change
 * takes effect within 2 × {@value #POLL_MILLIS} ms). A file that is missing or not a regular file reads as 0, as
 * keepalived's non-blocking open and read give 0 for them.
 */
public final class FileTracker implements AutoCloseable {
    static final int POLL_MILLIS = 50;

    /** One tracked file and who uses it; state owned by the tracker thread after {@link #start()}. */
    static final class Watched {
        final TrackFile file;
        final List<TrackPlan.Binding> users = new ArrayList<>();
        long value;
        byte[] lastRead;
        byte[] candidate;

        Watched(TrackFile file) {
            this.file = file;
        }
    }

    private final List<Watched> files = new ArrayList<>();
    private final TrackerSink sink;
    private final FileReader reader;
    private PollLoop loop;

    /** Reads a file's first bytes; tests pass their own. */
    @FunctionalInterface
    interface FileReader {
        byte[] read(Path path);
    }

    FileTracker(VrrpConfig config, TrackerSink sink, FileReader reader) {
        this.sink = sink;
        this.reader = reader;
        Map<String, Watched> byName = new LinkedHashMap<>();
        Map<String, TrackFile> defined = new LinkedHashMap<>();
        config.trackFiles().forEach(f -> defined.put(f.name(), f));
        for (VrrpInstance i : config.instances()) {
            for (Tracked t : i.tracking().files()) {
                TrackFile f = defined.get(t.name());
                if (f != null) {
                    byName.computeIfAbsent(f.name(), k -> new Watched(f)).users.add(new TrackPlan.Binding(i.name(), t));
                }
            }
        }
        files.addAll(byName.values());
        for (Watched w : files) {
            w.lastRead = reader.read(Path.of(w.file.file()));
            w.candidate = w.lastRead;
            TrackFileStatus.Reading r = TrackFileStatus.read(w.lastRead);
            w.value = r.valid() ? r.value() : 0;
        }
    }

    /** The tracker for the files the instances of {@code config} track (reads each once now). */
    public static FileTracker of(VrrpConfig config, TrackerSink sink) {
        return new FileTracker(config, sink, FileTracker::readHead);
    }

    /**
     * keepalived's {@code init_file [VALUE] [overwrite]}: writes "VALUE\n" to a file that does not exist yet, or
     * with overwrite to an existing regular file; every track_file with init_file, tracked or not.
     */
    public static void initFiles(List<TrackFile> trackFiles, Consumer<String> log) {
        for (TrackFile f : trackFiles) {
            if (!f.initFile()) {
                continue;
            }
            Path p = Path.of(f.file());
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.exists(p)) {
                if (!f.overwrite()) {
                    continue;
                }
                if (!Files.isRegularFile(p)) {
                    log.accept("Cannot initialise track file " + f.name() + " - it is not a regular file");
                    continue;
                }
            }
            try {
                Files.writeString(p, f.initValue() + "\n", StandardCharsets.US_ASCII);
            } catch (IOException | RuntimeException e) {
                log.accept("Unable to initialise track file " + f.name());
            }
        }
    }

    /** Each instance's starting contribution, to apply before the instances start. */
    public void initial(TrackerSink to) {
        for (Watched w : files) {
            for (TrackPlan.Binding b : w.users) {
                var c = TrackFileStatus.contribution(tracker(w), b.tracked(), w.value);
                if (c.fault()) {
                    to.log(TrackFileStatus.initialFaultLine(b.instance(), w.file.name(), b.tracked(), w.value));
                }
                to.changed(b.instance(), c);
            }
        }
    }

    public void start() {
        if (files.isEmpty()) {
            return;
        }
        loop = PollLoop.start("vrrp-track-file", POLL_MILLIS, this::pollOnce, "track_file");
    }

    /** One round: every file read once; a content seen on two consecutive rounds is acted on. */
    void pollOnce() {
        for (Watched w : files) {
            byte[] now = reader.read(Path.of(w.file.file()));
            if (Arrays.equals(now, w.lastRead)) {
                w.candidate = now;
                continue;
            }
            if (!Arrays.equals(now, w.candidate)) {
                w.candidate = now; // first sighting: wait for the next round to see it again
                continue;
            }
            w.lastRead = now;
            TrackFileStatus.Reading r = TrackFileStatus.read(now);
            if (!r.valid()) {
                sink.log(TrackFileStatus.invalidLine(r, w.file.file()));
                continue;
            }
            if (r.value() == w.value) {
                continue;
            }
            long old = w.value;
            w.value = r.value();
            for (TrackPlan.Binding b : w.users) {
                var before = TrackFileStatus.contribution(tracker(w), b.tracked(), old);
                var after = TrackFileStatus.contribution(tracker(w), b.tracked(), w.value);
                if (!before.equals(after)) {
                    sink.changed(b.instance(), after);
                }
            }
        }
    }

    List<Watched> files() {
        return files;
    }

    /** The tracker name an instance's state machine knows a file by. */
    public static String tracker(String file) {
        return "file " + file;
    }

    private static String tracker(Watched w) {
        return tracker(w.file.name());
    }

    /** The first bytes of a regular file; empty when missing, unreadable or not a regular file. */
    static byte[] readHead(Path p) {
        if (!Files.isRegularFile(p)) {
            return new byte[0];
        }
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(TrackFileStatus.MAX_READ);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
