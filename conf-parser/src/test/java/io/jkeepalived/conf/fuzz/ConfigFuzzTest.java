package io.jkeepalived.conf.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.conf.TestMachine;
import io.jkeepalived.conf.parser.Diagnostics;
import io.jkeepalived.conf.parser.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        LoadResult result = ConfigLoader.load(new ConfigLoader.Options(file.toString(), null, true, TestMachine.INSTANCE, null));
        assertThat(EXIT_CODES).contains(result.exitCode());
    }
}
