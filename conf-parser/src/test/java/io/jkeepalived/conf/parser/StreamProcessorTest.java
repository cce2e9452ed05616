package io.jkeepalived.conf.parser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamProcessorTest {
    @TempDir
    Path dir;

    private final Diagnostics diag = new Diagnostics();
    private final List<String> seen = new ArrayList<>();

    private void run(String text, KeywordTable root) throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text, StandardCharsets.ISO_8859_1);
        ConfigReader reader = ConfigReader.parent(f.toString(), diag, "host", new ConfigCopy());
        diag.setLocationSupplier(reader::location);
        new StreamProcessor(reader, diag).run(root);
    }

    private KeywordTable table() {
        KeywordTable root = new KeywordTable();
        root.block("global_defs", w -> seen.add("global_defs"), sub -> sub.keyword("router_id", w -> seen.add("router_id " + w.word(1))), () -> seen.add("close"));
        return root;
    }

    private List<String> messages() {
        List<String> out = new ArrayList<>();
        diag.all().forEach(d -> out.add(d.format()));
        return out;
    }

    @Test
    void bracesOnOneLine() throws IOException {
        run("global_defs { router_id X }\n", table());
        assertThat(seen).containsExactly("global_defs", "router_id X", "close");
        assertThat(diag.all()).isEmpty();
    }

    @Test
    void unknownBlockCascadesAsInKeepalived() throws IOException {
        run("global_defs {\n  foo {\n    a 1\n  }\n  router_id Y\n}\n", table());
        assertThat(messages()).containsExactly(
                "(Line 2) Unknown keyword 'foo'",
                "(Line 2) Unexpected '{' - ignoring",
                "(Line 3) Unknown keyword 'a'",
                "(Line 5) Unknown keyword 'router_id'",
                "(Line 6) Unknown keyword '}'");
    }

    @Test
    void extraClosingBrace() throws IOException {
        run("global_defs {\n}\n}\n", table());
        assertThat(messages()).contains("(Line 3) Extra '}' found");
    }

    @Test
    void inactiveRootIsSkippedWithItsBlock() throws IOException {
        KeywordTable root = table();
        List<String> inactiveCalls = new ArrayList<>();
        root.root("vrrp_instance", w -> inactiveCalls.add(String.valueOf(w)), false, sub -> sub.keyword("state", w -> seen.add("state")), null);
        run("vrrp_instance VI_1 {\n state MASTER\n nested { x }\n}\nglobal_defs {\n router_id Z\n}\n", root);
        assertThat(inactiveCalls).containsExactly("null");
        assertThat(seen).containsExactly("global_defs", "router_id Z", "close");
        assertThat(diag.all()).isEmpty();
    }

    @Test
    void unknownKeywordGetsASuggestion() throws IOException {
        run("global_defz {\n}\n", table());
        assertThat(messages().get(0)).isEqualTo("(Line 1) Unknown keyword 'global_defz' - did you mean 'global_defs'?");
    }

    @Test
    void commentsOutsideQuotesOnly() throws IOException {
        run("global_defs {\n router_id \"a#b\" # comment\n ! whole line\n}\n", table());
        assertThat(seen).contains("router_id a#b");
        assertThat(diag.all()).isEmpty();
    }

    @Test
    void valueBlockReadsWordsUntilClose() throws IOException {
        KeywordTable root = new KeywordTable();
        List<String> vips = new ArrayList<>();
        StreamProcessor[] sp = new StreamProcessor[1];
        root.keyword("virtual_ipaddress", w -> sp[0].valueBlock(w, l -> vips.add(String.join(" ", l.list()))));
        Path f = dir.resolve("v.conf");
        Files.writeString(f, "virtual_ipaddress {\n 198.51.100.1/24 dev eth0\n 198.51.100.2\n}\n", StandardCharsets.ISO_8859_1);
        ConfigReader reader = ConfigReader.parent(f.toString(), diag, "host", new ConfigCopy());
        sp[0] = new StreamProcessor(reader, diag);
        sp[0].run(root);
        assertThat(vips).containsExactly("198.51.100.1/24 dev eth0", "198.51.100.2");
    }
}
