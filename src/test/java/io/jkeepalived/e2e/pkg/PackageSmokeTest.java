package io.jkeepalived.e2e.pkg;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The .deb and the tarball, as packaging/src/test/deb-smoke.sh checks them: control fields, file list,
 * {@code jkeepalived --version}, {@code --help} and {@code -t} run from an extracted root, the man page, the bash
 * completion and {@code systemd-analyze verify}. {@code ./mvnw -Ppackage verify} runs the script itself; this test
 * runs it in the normal suite when the packages were built (skipped otherwise, and when dpkg-deb is missing).
 */
class PackageSmokeTest {
    private static final Path ROOT = Path.of(System.getProperty("jk.projectRoot", ".."));

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static boolean built(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return false;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.anyMatch(f -> f.getFileName().toString().matches("jkeepalived_.*_all\\.deb"));
        }
    }

    @Test
    void debAndTarballInstallAndRun() throws Exception {
        Path target = ROOT.resolve("packaging/target");
        assumeThat(onPath("dpkg-deb")).as("dpkg-deb is not installed").isTrue();
        assumeThat(built(target)).as("no .deb in packaging/target: build it with ./mvnw -Ppackage package").isTrue();
        Process p = new ProcessBuilder("sh", ROOT.resolve("packaging/src/test/deb-smoke.sh").toString(), target.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("deb-smoke.sh finishes within 120 s").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("deb-smoke: OK:");
    }
}
