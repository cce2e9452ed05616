package io.jkeepalived.daemon.check;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.daemon.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SslReloadTest {
    @TempDir
    Path dir;

    private KeepalivedConfig load(String name, String ssl, String checker) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        return TestConfigs.load(d, ssl + """
                virtual_server 198.51.100.10 443 {
                    protocol TCP
                    real_server 203.0.113.2 443 {
                        %s {
                            url {
                                path /
                                status_code 200
                            }
                        }
                    }
                }
                """.formatted(checker));
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void aChangedBlockWithAFileThatCannotBeLoadedIsRefusedNamingItsLine() throws Exception {
        Files.writeString(dir.resolve("bad.pem"), "not a certificate\n");
        KeepalivedConfig running = load("a", "", "SSL_GET");
        String ssl = "SSL {\n    certificate " + file("bad.pem") + "\n}\n";
        KeepalivedConfig next = load("b", ssl, "SSL_GET");

        String problem = SslReload.problem(running, next, dir.resolve("b/keepalived.conf").toString());

        assertThat(problem).startsWith("(" + dir.resolve("b/keepalived.conf") + ": Line 2) SSL: ")
                .contains("SSL error : Cant load certificate file...").contains("certificate file " + file("bad.pem"));
    }

    @Test
    void aMissingKeyOrCaFileIsNamedToo() throws Exception {
        KeepalivedConfig running = load("a", "", "SSL_GET");
        KeepalivedConfig next = load("b", "SSL {\n    ca " + file("none.pem") + "\n}\n", "SSL_GET");
        assertThat(SslReload.problem(running, next, null)).startsWith("SSL: SSL error : Cant load CA file...")
                .contains(file("none.pem"));
        KeepalivedConfig key = load("c", "SSL {\n    password x\n    key " + file("none.key") + "\n}\n", "SSL_GET");
        assertThat(SslReload.problem(running, key, dir.resolve("c/keepalived.conf").toString()))
                .startsWith("(" + dir.resolve("c/keepalived.conf") + ": Line 3) SSL: SSL error : Cant load key file...");
    }

    @Test
    void nothingToCheckWithoutSslGetOrWhenTheBlockIsAsItRuns() throws Exception {
        String bad = "SSL {\n    certificate " + file("missing.pem") + "\n}\n";
        KeepalivedConfig plain = load("a", "", "SSL_GET");
        // no SSL_GET: keepalived builds no context
        assertThat(SslReload.problem(plain, load("b", bad, "HTTP_GET"), null)).isNull();
        // unchanged: what runs was checked when it was loaded
        KeepalivedConfig same = load("c", bad, "SSL_GET");
        assertThat(SslReload.problem(same, load("d", bad, "SSL_GET"), null)).isNull();
        // the block removed: the default context needs no file
        assertThat(SslReload.problem(same, plain, null)).isNull();
    }
}
