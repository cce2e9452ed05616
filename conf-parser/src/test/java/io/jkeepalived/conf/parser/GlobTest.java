package io.jkeepalived.conf.parser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GlobTest {
    @TempDir
    Path dir;

    @Test
    void bracesExpandInOrderAndNest() {
        assertThat(Glob.braces("a{b,c{d,e}}f")).containsExactly("abf", "acdf", "acef");
        assertThat(Glob.braces("x{y")).containsExactly("x{y");
        assertThat(Glob.braces("a\\{b,c}")).containsExactly("a\\{b,c}");
    }

    @Test
    void wildcardsMatchSortedAndSkipHiddenFiles() throws IOException {
        Files.createDirectories(dir.resolve("conf.d"));
        for (String f : new String[] {"b.conf", "a.conf", ".hidden.conf", "c.txt"}) {
            Files.writeString(dir.resolve("conf.d").resolve(f), "");
        }
        Glob.Result r = Glob.expand("conf.d/*.conf", dir);
        assertThat(r.paths()).containsExactly("conf.d/a.conf", "conf.d/b.conf");
        assertThat(r.haveWildcards()).isTrue();
        assertThat(Glob.expand("conf.d/[ab].conf", dir).paths()).containsExactly("conf.d/a.conf", "conf.d/b.conf");
        assertThat(Glob.expand("conf.d/?.*", dir).paths()).containsExactly("conf.d/a.conf", "conf.d/b.conf", "conf.d/c.txt");
    }

    @Test
    void missingFilesAndDirectoriesAreCounted() throws IOException {
        Files.writeString(dir.resolve("a.conf"), "");
        Glob.Result r = Glob.expand("{a,zz}.conf", dir);
        assertThat(r.paths()).containsExactly("a.conf");
        assertThat(r.missingFiles()).isEqualTo(1);
        assertThat(Glob.expand("nodir/*.conf", dir).missingDirectories()).isEqualTo(1);
        assertThat(Glob.expand("none.conf", dir).paths()).isEmpty();
    }

    @Test
    void directoriesAreMarked() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        assertThat(Glob.expand("s*", dir).paths()).containsExactly("sub/");
    }
}
