package io.jkeepalived.conf.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.conf.parser.Diagnostics;
import io.jkeepalived.conf.parser.SystemInfo;
import io.jkeepalived.conf.parser.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer targets for the lexer and the whole config test. Under plain {@code mvn test} they replay the
 * inputs in {@code ConfigFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} (as .ci/run does, time-bounded) they fuzz.
 * The property: no input throws, hangs, or ends with an exit code keepalived's -t would not use.
 */
class ConfigFuzzTest {
    private static final Set<Integer> EXIT_CODES = Set.of(0, 2, 4, 5, 6);
    private static Path dir;

    /** A fixed machine so that results don't depend on where the fuzzer runs. */
    static final SystemInfo MACHINE = new SystemInfo() {
        @Override
        public Optional<Interface> findInterface(String name) {
            return switch (name) {
                case "lo" -> Optional.of(new Interface("lo", 1, true, true));
                case "eth0", "eth1" -> Optional.of(new Interface(name, name.charAt(3) - '0' + 2, false, true));
                default -> Optional.empty();
            };
        }

        @Override
        public Optional<Integer> userId(String user) {
            return "root".equals(user) || "0".equals(user) ? Optional.of(0) : Optional.empty();
        }

        @Override
        public Optional<Integer> userGroup(String user) {
            return userId(user);
        }

        @Override
        public Optional<Integer> groupId(String group) {
            return "root".equals(group) || "0".equals(group) ? Optional.of(0) : Optional.empty();
        }

        @Override
        public String hostname() {
            return "fuzz.example";
        }
    };

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("jk-fuzz");
    }

    @AfterAll
    static void removeDir() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void tokenizer(byte[] data) {
        String line = new String(data, StandardCharsets.ISO_8859_1);
        Diagnostics diag = new Diagnostics();
        Tokenizer.words(line, diag);
        Tokenizer.quotedEscaped(line, diag);
    }

    @FuzzTest(maxDuration = "120s")
    void configTest(byte[] data) throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Files.write(file, data);
        LoadResult result = ConfigLoader.load(new ConfigLoader.Options(file.toString(), null, true, MACHINE, null));
        assertThat(EXIT_CODES).contains(result.exitCode());
    }
}
