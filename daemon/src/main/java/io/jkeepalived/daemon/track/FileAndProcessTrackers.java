package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.VrrpConfig;

import java.util.function.Consumer;

/**
 * The {@code track_file} and {@code vrrp_track_process} trackers together, so the VRRP service opens, starts and
 * closes them in one place each. Files with {@code init_file} are written when this is opened.
 */
public final class FileAndProcessTrackers implements AutoCloseable {
    private final FileTracker files;
    private final ProcessTracker processes;

    private FileAndProcessTrackers(FileTracker files, ProcessTracker processes) {
        this.files = files;
        this.processes = processes;
    }

    /**
     * @param config what the instances track, sync groups already applied ({@link SyncGroupTracking})
     * @param live   where changes go once started
     * @param start  where the starting contributions go (applied before the instances start)
     * @param log    keepalived's configuration lines (init_file failures)
     */
    public static FileAndProcessTrackers open(VrrpConfig config, TrackerSink live, TrackerSink start,
                                              Consumer<String> log) {
        FileTracker.initFiles(config.trackFiles(), log);
        FileAndProcessTrackers t = new FileAndProcessTrackers(FileTracker.of(config, live),
                ProcessTracker.of(config, live));
        t.files.initial(start);
        t.processes.initial(start);
        return t;
    }

    public void start() {
        files.start();
        processes.start();
    }

    @Override
    public void close() {
        files.close();
        processes.close();
    }
}
