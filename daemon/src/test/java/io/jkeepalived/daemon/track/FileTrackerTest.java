package io.jkeepalived.daemon.track;

import io.jkeepalived.conf.model.VrrpConfig;
import io.jkeepalived.vrrp.fsm.VrrpEvent.TrackerChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FileTrackerTest {
    @TempDir
    Path dir;

    final Map<Path, String> contents = new HashMap<>();
    final List<String> seen = new ArrayList<>();
    final TrackerSink sink = new TrackerSink() {
        @Override
        public void changed(String instance, TrackerChanged change) {
            seen.add(instance + " " + change.tracker() + " " + change.weight() + (change.fault() ? " FAULT" : ""));
        }

        @Override
        public void log(String line) {
            seen.add(line);
        }
    };

    String config(String path) {
        return """
                track_file flag {
                    file %s
                    weight 10
                }
                track_file down {
                    file %s.down
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        198.51.100.100/24
                    }
                    track_file {
                        flag
                        down weight 0
                    }
                }
                vrrp_instance VI_2 {
                    interface eth1
                    virtual_router_id 52
                    priority 100
                    virtual_ipaddress {
                        198.51.100.101/24
                    }
                    track_file {
                        flag weight -5 reverse
                    }
                }
                """.formatted(path, path);
    }

    FileTracker tracker(VrrpConfig c) {
        return new FileTracker(c, sink, p -> contents.getOrDefault(p, "").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void startingValuesThenChangesSeenTwiceAreReported() throws Exception {
        String path = dir.resolve("flag").toString();
        contents.put(Path.of(path), "2\n");
        VrrpConfig c = TrackTestConfigs.load(dir, config(path));
        FileTracker t = tracker(c);
        t.initial(sink);
        assertThat(seen).containsExactly("VI_1 file flag 20", "VI_2 file flag 10", "VI_1 file down 0");
        seen.clear();

        contents.put(Path.of(path), "");
        t.pollOnce(); // half-written: seen once, not acted on
        contents.put(Path.of(path), "3\n");
        t.pollOnce();
        assertThat(seen).isEmpty();
        t.pollOnce();
        assertThat(seen).containsExactly("VI_1 file flag 30", "VI_2 file flag 15");
        seen.clear();

        contents.put(Path.of(path + ".down"), "1");
        t.pollOnce();
        t.pollOnce();
        assertThat(seen).containsExactly("VI_1 file down 0 FAULT");
        seen.clear();
        t.pollOnce();
        assertThat(seen).isEmpty();
    }

    @Test
    void anInvalidNumberIsLoggedOnceAndTheOldValueKept() throws Exception {
        String path = dir.resolve("flag").toString();
        contents.put(Path.of(path), "1");
        FileTracker t = tracker(TrackTestConfigs.load(dir, config(path)));
        contents.put(Path.of(path), "99999999999");
        t.pollOnce();
        t.pollOnce();
        t.pollOnce();
        assertThat(seen).containsExactly("Invalid number 99999999999 read from " + path + " - ignoring");
    }

    @Test
    void aFaultAtStartIsLoggedAsKeepalivedDoes() throws Exception {
        String path = dir.resolve("flag").toString();
        contents.put(Path.of(path + ".down"), "7");
        FileTracker t = tracker(TrackTestConfigs.load(dir, config(path)));
        t.initial(sink);
        assertThat(seen).contains("(VI_1): entering FAULT state (tracked file down has status -254)",
                "VI_1 file down 0 FAULT");
    }

    @Test
    void initFileCreatesOrOverwritesAsAsked() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path sub = dir.resolve("sub");
        Files.writeString(b, "9\n");
        Files.createDirectory(sub);
        VrrpConfig c = TrackTestConfigs.load(dir, """
                track_file a {
                    file %s
                    init_file 3
                }
                track_file b {
                    file %s
                    init_file
                }
                track_file c {
                    file %s
                    init_file 4 overwrite
                }
                """.formatted(a, b, sub));
        List<String> log = new ArrayList<>();
        FileTracker.initFiles(c.trackFiles(), log::add);
        assertThat(Files.readString(a)).isEqualTo("3\n");
        assertThat(Files.readString(b)).isEqualTo("9\n"); // exists: left alone without overwrite
        assertThat(log).containsExactly("Cannot initialise track file c - it is not a regular file");
        Files.writeString(b, "9\n");
    }

    @Test
    void readHeadReadsRegularFilesOnly() throws Exception {
        Path f = dir.resolve("x");
        Files.writeString(f, "12");
        assertThat(new String(FileTracker.readHead(f), StandardCharsets.US_ASCII)).isEqualTo("12");
        assertThat(FileTracker.readHead(dir)).isEmpty();
        assertThat(FileTracker.readHead(dir.resolve("missing"))).isEmpty();
    }
}
