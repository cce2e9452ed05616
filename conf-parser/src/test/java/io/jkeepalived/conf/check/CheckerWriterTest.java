package io.jkeepalived.conf.check;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.conf.TestMachine;
import io.jkeepalived.conf.model.check.Checker;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.VirtualServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every checker of the hand corpus, printed by CheckerWriter and read again, gives an equal record. */
class CheckerWriterTest {
    private static final Path CORPUS = Path.of("..", "src", "test", "resources", "conf-corpus", "hand", "checkers");

    @TempDir
    Path dir;

    private LoadResult load(Path f) {
        return ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, true, TestMachine.INSTANCE, null));
    }

    @Test
    void corpusCheckersSurviveARoundTrip() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        int checked = 0;
        for (Path f : files) {
            LoadResult first = load(f);
            if (first.config() == null) {
                continue; // a configuration keepalived gives up on (exit 2) has no model
            }
            String text = Files.readString(f);
            // what precedes the first virtual_server (global_defs, track_file, bfd_instance) is kept as written
            String prelude = text.substring(0, Math.max(0, text.indexOf("\nvirtual_server") + 1));
            for (VirtualServer vs : first.config().check().virtualServers()) {
                for (RealServer rs : vs.realServers()) {
                    StringBuilder out = new StringBuilder(prelude);
                    out.append("virtual_server ").append(String.join(" ", vs.address())).append(" {\n")
                            .append("    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n")
                            .append("    real_server ").append(rs.address()).append(rs.port() == null ? "" : " " + rs.port())
                            .append(" {\n");
                    rs.checkers().forEach(c -> CheckerWriter.write(c, out, "        "));
                    out.append("    }\n}\n");
                    Path again = dir.resolve(f.getFileName());
                    Files.writeString(again, out);
                    List<Checker> read = load(again).config().check().virtualServers().get(0).realServers().get(0).checkers();
                    assertThat(read).as(f + "\n" + out).isEqualTo(rs.checkers());
                    checked += rs.checkers().size();
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
    }
}
