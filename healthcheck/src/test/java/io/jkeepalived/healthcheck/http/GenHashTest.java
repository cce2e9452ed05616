package io.jkeepalived.healthcheck.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jkeepalived.healthcheck.http.TestWebServer.bytes;
import static io.jkeepalived.healthcheck.http.TestWebServer.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code jkeepalived genhash} against Debian's genhash (keepalived 2.2.7) on the same pages, byte for byte:
 * stdout, stderr and exit status. Skipped where /usr/bin/genhash is not installed.
 */
class GenHashTest {
    private static final Path DEBIAN = Path.of("/usr/bin/genhash");

    record Run(int exit, String out, String err) {
    }

    static Run ours(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = GenHash.run(args, new PrintStream(out, true, StandardCharsets.ISO_8859_1),
                new PrintStream(err, true, StandardCharsets.ISO_8859_1));
        return new Run(exit, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    static Run debian(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(DEBIAN.toString());
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException("genhash did not finish");
            }
        } finally {
            p.destroyForcibly();
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                Files.readString(err, StandardCharsets.ISO_8859_1));
    }

    static void assumeGenhash() {
        assumeTrue(Files.isExecutable(DEBIAN), "Debian's genhash (package keepalived) is not installed");
    }

    static List<byte[]> pages() {
        String big = "0123456789abcdef".repeat(20000) + "\n";
        return List.of(
                response(200, "<html><body>hello</body></html>\n"),
                response(404, "not here"),
                bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA"),
                bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                bytes("HTTP/1.0 200 OK\r\nServer: none\r\n\r\nno length, ends at close"),
                bytes("HTTP/1.0 200 OK\r\ncontent-length: 3\r\n\r\nlowercase header is not seen"),
                bytes("HTTP/1.0 200 OK\r\nContent-Length: 12\r\n\r\nshort"),
                bytes("HTTP/1.0 204 No Content\r\n\r\n"),
                bytes("HTTP/1.0 200 OK\r\nContent-Length: " + big.length() + "\r\n\r\n" + big),
                bytes("HTTP/1.0 200 OK\r\nX: " + "a".repeat(5000) + "\r\n\r\nbody after a too long head"),
                bytes("garbage without any head end"),
                new byte[0]);
    }

    @Test
    void digestsEqualDebiansGenhash(@TempDir Path dir) throws Exception {
        assumeGenhash();
        List<byte[]> pages = pages();
        for (byte[] page : pages) {
            try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(page, 1000, false))) {
                String[] args = {"-s", "127.0.0.1", "-p", String.valueOf(s.port()), "-u", "/index.html"};
                Run theirs = debian(dir, args);
                Run mine = ours(args);
                if (page == pages.get(0)) {
                    assertThat(theirs.out()).matches("[0-9a-f]{32}\n"); // a digest, not an error, is compared
                }
                assertThat(mine).as("page %s", new String(page, 0, Math.min(60, page.length), StandardCharsets.ISO_8859_1))
                        .isEqualTo(theirs);
                // and the same request
                assertThat(s.requests).hasSize(2);
                assertThat(s.requests.get(1)).isEqualTo(s.requests.get(0));
            }
        }
    }

    @Test
    void optionsProtocolVirtualhostTimeout(@TempDir Path dir) throws Exception {
        assumeGenhash();
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(response(200, "v")))) {
            String port = String.valueOf(s.port());
            for (String[] args : List.of(
                    new String[]{"-s", "127.0.0.1", "-p", port, "-u", "/", "-V", "www.example.com", "-P", "1.1"},
                    new String[]{"--server", "127.0.0.1", "--port=" + port, "--url", "/a", "--protocol", "1.0c", "-t", "5"},
                    new String[]{"-s127.0.0.1", "-p" + port, "-u/b", "-u", "/c", "--use-virtualhost=v.example"})) {
                s.requests.clear();
                Run theirs = debian(dir, args);
                Run mine = ours(args);
                assertThat(mine).isEqualTo(theirs);
                assertThat(s.requests.get(1)).isEqualTo(s.requests.get(0));
            }
        }
    }

    @Test
    void failuresPrintKeepalivedsWords(@TempDir Path dir) throws Exception {
        assumeGenhash();
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String[] refused = {"-s", "127.0.0.1", "-p", String.valueOf(port), "-u", "/"};
        assertThat(ours(refused)).isEqualTo(debian(dir, refused)).isEqualTo(new Run(0, "Connection failed\n", ""));
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Hang())) {
            String[] hang = {"-s", "127.0.0.1", "-p", String.valueOf(s.port()), "-u", "/", "-t", "1"};
            assertThat(ours(hang)).isEqualTo(debian(dir, hang));
        }
    }

    @Test
    void sslDigestsEqualDebiansGenhash(@TempDir Path dir) throws Exception {
        assumeGenhash();
        SSLContext tls = TestWebServer.selfSigned(dir);
        assumeTrue(tls != null, "the JDK's keytool is needed to make a test certificate");
        for (byte[] page : pages().subList(0, 9)) {
            try (TestWebServer s = TestWebServer.tls(tls, r -> new TestWebServer.Send(page, 3000, false))) {
                String[] args = {"-S", "-s", "127.0.0.1", "-p", String.valueOf(s.port()), "-u", "/", "-I", "-V", "www.example.com"};
                Run theirs = debian(dir, args);
                Run mine = ours(args);
                assertThat(mine).isEqualTo(theirs);
                assertThat(theirs.out() + theirs.err()).doesNotContain("SSL", "Timeout", "failed");
                assertThat(s.serverNames).containsExactly("www.example.com", "www.example.com");
            }
        }
    }

    @Test
    void verboseOutputEqualsDebiansBesideTheResponseTime(@TempDir Path dir) throws Exception {
        assumeGenhash();
        try (TestWebServer s = TestWebServer.plain(r -> new TestWebServer.Send(response(200, "<html>a page of text</html>\n")))) {
            String[] args = {"-v", "-s", "127.0.0.1", "-p", String.valueOf(s.port()), "-u", "/"};
            Run theirs = debian(dir, args);
            Run mine = ours(args);
            String timing = "Global response time for \\[/\\] = \\d+ usecs";
            assertThat(mine.out().replaceAll(timing, "T")).isEqualTo(theirs.out().replaceAll(timing, "T"));
            assertThat(mine.exit()).isEqualTo(theirs.exit());
        }
    }

    @Test
    void badCommandLinesExitOneWithGenhashsMessages(@TempDir Path dir) throws Exception {
        assumeGenhash();
        for (String[] args : List.of(new String[]{"-h"}, new String[]{"-s", "127.0.0.1", "-p", "80"},
                new String[]{"-s", "localhost", "-p", "80", "-u", "/"}, new String[]{"-s", "127.0.0.1", "-p", "0", "-u", "/"},
                new String[]{"-s", "127.0.0.1", "-p", "80", "-u", "/", "-P", "2.0"},
                new String[]{"-s", "127.0.0.1", "-p", "80", "-u", "/", "-x"},
                new String[]{"-s", "127.0.0.1", "-p", "80", "-u", "/", "--bogus"},
                new String[]{"-s", "127.0.0.1", "-p", "80", "-u", "/", "extra", "words"},
                new String[]{"-s", "127.0.0.1", "-p", "80", "-u"},
                new String[]{"-s", "127.0.0.1", "-p", "80", "-u", "/", "-t", "-1"})) {
            Run theirs = debian(dir, args);
            Run mine = ours(args);
            assertThat(mine.exit()).as(String.join(" ", args)).isEqualTo(theirs.exit()).isEqualTo(1);
            assertThat(mine.out()).isEqualTo(theirs.out());
            assertThat(mine.err().replace(GenHash.PROG, "/usr/bin/genhash")).as(String.join(" ", args)).isEqualTo(theirs.err());
        }
    }
}
