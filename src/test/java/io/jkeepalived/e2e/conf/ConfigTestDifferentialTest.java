package io.jkeepalived.e2e.conf;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.LiveSystemInfo;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.conf.parser.SystemInfo;
import io.jkeepalived.e2e.NetNs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jkeepalived -t} against Debian's {@code keepalived -t} on a corpus: Debian's samples, the
 * seed articles' configs, hand-written configs and generated mutants. Both read each file inside one
 * network namespace with interfaces lo and eth0..eth3; they must exit with the same code and report
 * errors on the same lines. Differences we know of and accept are listed, with why, in
 * {@code conf-corpus/known-differences.txt}; those are reported as skipped.
 */
class ConfigTestDifferentialTest {
    private static final Pattern LINE = Pattern.compile("^\\((?:[^)]*: )?Line (\\d+)\\)", Pattern.MULTILINE);
    private static final Path ROOT = Path.of(System.getProperty("jk.projectRoot", ".")).toAbsolutePath().normalize();
    private static final Path CORPUS = ROOT.resolve("src/test/resources/conf-corpus");
    private static final Path SAMPLES = Path.of("/usr/share/doc/keepalived/samples");
    private static final int MIN_MUTANTS = 300;

    private static NetNs ns;
    private static Path work;
    private static Map<String, String> known;
    private static int same;
    private static int knownSkipped;
    private static final List<String> staleKnown = new ArrayList<>();

    /** The namespace's machine: its interfaces; users, groups and files are the host's. */
    private static final SystemInfo NAMESPACE = new SystemInfo() {
        private final LiveSystemInfo live = new LiveSystemInfo();

        @Override
        public Optional<Interface> findInterface(String name) {
            return switch (name) {
                case "lo" -> Optional.of(new Interface("lo", 1, true, true));
                case "eth0", "eth1", "eth2", "eth3" -> Optional.of(new Interface(name, name.charAt(3) - '0' + 2, false, true));
                default -> Optional.empty();
            };
        }

        @Override
        public Optional<Integer> userId(String user) {
            return live.userId(user);
        }

        @Override
        public Optional<Integer> userGroup(String user) {
            return live.userGroup(user);
        }

        @Override
        public Optional<Integer> groupId(String group) {
            return live.groupId(group);
        }

        @Override
        public String hostname() {
            return live.hostname();
        }
    };

    @BeforeAll
    static void setUp() throws Exception {
        Assumptions.assumeTrue(NetNs.available(), "needs root and iproute2 to create network namespaces");
        Assumptions.assumeTrue(Stream.of("/usr/sbin/keepalived", "/sbin/keepalived", "/usr/bin/keepalived")
                .anyMatch(p -> Files.isExecutable(Path.of(p))), "needs Debian's keepalived (apt-get install keepalived)");
        ns = NetNs.create("cfg" + ProcessHandle.current().pid(), 4);
        work = Files.createDirectories(ROOT.resolve("daemon/target/conf-diff"));
        known = readKnown();
    }

    @AfterAll
    static void tearDown() {
        if (ns != null) {
            ns.close();
            System.out.printf("config differential: %d same, %d known differences skipped%n", same, knownSkipped);
            if (!staleKnown.isEmpty()) {
                System.out.println("now agreeing, remove from known-differences.txt: " + staleKnown);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        List<Path> files = corpusFiles();
        assertThat(files.size()).as("hand-written, seed and sample configs").isGreaterThanOrEqualTo(40);
        return files.stream().map(f -> {
            String id = f.startsWith(ROOT.resolve("daemon/target/conf-diff/samples")) || !f.startsWith(ROOT)
                    ? "samples/" + f.getFileName() : ROOT.relativize(f).toString();
            return DynamicTest.dynamicTest(id, () -> compare(f, id));
        });
    }

    @TestFactory
    Stream<DynamicTest> mutants() throws Exception {
        List<Path> bases = new ArrayList<>();
        for (Path f : corpusFiles()) {
            if (keepalived(f).exit() == 0) {
                bases.add(f);
            }
        }
        Assumptions.assumeFalse(bases.isEmpty(), "no valid config to mutate");
        List<Mutator.Mutant> mutants = Mutator.generate(bases, 20261122L);
        assertThat(mutants).hasSizeGreaterThanOrEqualTo(MIN_MUTANTS);
        Path dir = Files.createDirectories(work.resolve("mutants"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Mutator.Mutant m : mutants) {
            Path file = dir.resolve(m.id() + ".conf");
            Files.write(file, m.text());
            tests.add(DynamicTest.dynamicTest(m.id() + ": " + m.description(), () -> compare(file, m.id())));
        }
        return tests.stream();
    }

    private static void compare(Path file, String id) throws Exception {
        NetNs.Result k = keepalived(file);
        LoadResult j = ConfigLoader.load(new ConfigLoader.Options(file.toString(), null, true, NAMESPACE, null));
        Set<Integer> kLines = lines(k.output());
        Set<Integer> jLines = j.errorLines();
        boolean keepalivedCrashed = k.exit() >= 128;
        // where keepalived crashes we must still give a verdict: a configuration error
        boolean agree = keepalivedCrashed ? j.exitCode() == 4 || j.exitCode() == 5
                : k.exit() == j.exitCode() && kLines.equals(jLines);
        if (!agree && known.containsKey(id)) {
            knownSkipped++;
            Assumptions.abort("known difference: " + known.get(id));
        }
        String report = String.format("%s%nkeepalived exit %d lines %s%n%s%njkeepalived exit %d lines %s%n%s", file,
                k.exit(), kLines, k.output(), j.exitCode(), jLines,
                String.join("\n", j.diagnostics().stream().map(d -> d.format()).toList()));
        assertThat(agree).as(report).isTrue();
        if (known.containsKey(id)) {
            staleKnown.add(id);
        }
        same++;
    }

    private static NetNs.Result keepalived(Path file) throws IOException, InterruptedException {
        return ns.exec(file.getParent(), 20, "keepalived", "-t", "-f", file.toString());
    }

    static Set<Integer> lines(String output) {
        Set<Integer> out = new TreeSet<>();
        Matcher m = LINE.matcher(output);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private static List<Path> corpusFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(CORPUS)) {
            s.filter(p -> p.toString().endsWith(".conf")).sorted().forEach(files::add);
        }
        files.add(ROOT.resolve("examples/keepalived.conf"));
        files.add(ROOT.resolve("examples/broken.conf"));
        if (Files.isDirectory(SAMPLES)) {
            Path copies = Files.createDirectories(ROOT.resolve("daemon/target/conf-diff/samples"));
            try (Stream<Path> s = Files.list(SAMPLES)) {
                for (Path p : s.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (!name.startsWith("keepalived.conf.")) {
                        continue;
                    }
                    if (name.endsWith(".gz")) {
                        Path out = copies.resolve(name.substring(0, name.length() - 3));
                        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                            Files.write(out, in.readAllBytes());
                        }
                        files.add(out);
                    } else {
                        files.add(p);
                    }
                }
            }
        }
        return files;
    }

    private static Map<String, String> readKnown() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        Path f = CORPUS.resolve("known-differences.txt");
        if (Files.exists(f)) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                int sp = t.indexOf(' ');
                m.put(sp < 0 ? t : t.substring(0, sp), sp < 0 ? "" : t.substring(sp + 1).strip());
            }
        }
        return m;
    }
}
