package io.jkeepalived.conf.parser;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** $NAME parameters and ~SEQ/~LST, without files. */
class ReaderExpansionTest {
    private final Diagnostics diag = new Diagnostics();

    @Test
    void definitionsSubstituteWithAndWithoutBraces() {
        Definitions d = new Definitions(() -> Path.of("/etc/keepalived"));
        assertThat(d.define("$IF=eth0")).isNotNull();
        assertThat(d.replace("interface $IF").line()).isEqualTo("interface eth0");
        assertThat(d.replace("label ${IF}:1").line()).isEqualTo("label eth0:1");
        assertThat(d.replace("no $UNKNOWN here")).isNull();
        assertThat(d.replace("$_PWD").line()).isEqualTo("/etc/keepalived");
        assertThat(d.define("not a definition")).isNull();
    }

    @Test
    void multiLineDefinitionsExpandToSeveralLines() {
        Definitions d = new Definitions(() -> Path.of("/"));
        Definitions.Def def = d.define("$VIPS=198.51.100.1 \\");
        assertThat(d.extend(def, "198.51.100.2")).isFalse();
        Definitions.Replaced r = d.replace("$VIPS");
        assertThat(r.line()).isEqualTo("198.51.100.1");
        assertThat(r.following()).containsExactly("198.51.100.2");
    }

    @Test
    void seqCountsUpDownAndInHex() {
        assertThat(lines("~SEQ(n, 1, 3) x$n")).containsExactly("x$n", "x$n", "x$n");
        Definitions d = new Definitions(() -> Path.of("/"));
        Sequences s = new Sequences();
        assertThat(s.addSeq("~SEQx(h, 9, 11) v$h", d, diag)).isTrue();
        List<String> values = new ArrayList<>();
        while (s.next(d) != null) {
            values.add(d.replace("$h").line());
        }
        assertThat(values).containsExactly("9", "a", "b");
        assertThat(new Sequences().addSeq("~SEQ(m, 1, 0, 3) x", d, diag)).isFalse();
        assertThat(diag.worst()).isEqualTo(ConfigError.GENERAL_ERROR);
    }

    /** keepalived substitutes a bare $NAME only before a blank, a comma or a parenthesis, hence ${x}. */
    @Test
    void bareNamesNeedASeparator() {
        Definitions d = new Definitions(() -> Path.of("/"));
        d.set("x", "1");
        assertThat(d.replace("a$x-b")).isNull();
        assertThat(d.replace("a$x,b").line()).isEqualTo("a1,b");
    }

    @Test
    void lstAssignsEachSetOfValues() {
        Definitions d = new Definitions(() -> Path.of("/"));
        Sequences s = new Sequences();
        assertThat(s.addLst("~LST({x, y}, {1, 2}, {3}) ${x}-${y}", diag)).isTrue();
        List<String> out = new ArrayList<>();
        String line;
        while ((line = s.next(d)) != null) {
            out.add(d.replace(line).line());
        }
        assertThat(out).containsExactly("1-2", "3-");
    }

    private List<String> lines(String seq) {
        Definitions d = new Definitions(() -> Path.of("/"));
        Sequences s = new Sequences();
        s.addSeq(seq, d, diag);
        List<String> out = new ArrayList<>();
        String line;
        while ((line = s.next(d)) != null) {
            out.add(line);
        }
        return out;
    }
}
