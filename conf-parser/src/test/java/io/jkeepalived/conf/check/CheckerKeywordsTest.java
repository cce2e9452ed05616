package io.jkeepalived.conf.check;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.conf.TestMachine;
import io.jkeepalived.conf.model.check.BfdCheck;
import io.jkeepalived.conf.model.check.Checker;
import io.jkeepalived.conf.model.check.DnsCheck;
import io.jkeepalived.conf.model.check.DnsType;
import io.jkeepalived.conf.model.check.FileCheck;
import io.jkeepalived.conf.model.check.HttpCheck;
import io.jkeepalived.conf.model.check.HttpProtocol;
import io.jkeepalived.conf.model.check.HttpUrl;
import io.jkeepalived.conf.model.check.MiscCheck;
import io.jkeepalived.conf.model.check.RegexOption;
import io.jkeepalived.conf.model.check.SmtpCheck;
import io.jkeepalived.conf.model.check.TcpCheck;
import io.jkeepalived.conf.model.check.UdpCheck;
import io.jkeepalived.conf.parser.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckerKeywordsTest {
    @TempDir
    Path dir;

    private LoadResult load(String text) throws IOException {
        Path f = dir.resolve("k" + System.nanoTime() + ".conf");
        Files.writeString(f, text);
        return ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, true, TestMachine.INSTANCE, null));
    }

    /** A virtual server on 198.51.100.20:80 with one real server 203.0.113.10:80 holding {@code body}. */
    static String around(String rs, String body) {
        return "virtual_server 198.51.100.20 80 {\n    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n"
                + "    real_server " + rs + " 80 {\n" + body + "\n    }\n}\n";
    }

    private LoadResult checkers(String body) throws IOException {
        return load(around("203.0.113.10", body));
    }

    private static List<Checker> checkersOf(LoadResult r) {
        return r.config().check().virtualServers().get(0).realServers().get(0).checkers();
    }

    private static List<String> messages(LoadResult r) {
        return r.diagnostics().stream().filter(d -> !d.notice()).map(Diagnostic::message).toList();
    }

    @Test
    void tcpCheckKeepsEveryConnectionAndTimingValue() throws IOException {
        LoadResult r = checkers("""
                TCP_CHECK {
                    connect_ip 203.0.113.11
                    connect_port 8080
                    bindto 198.51.100.5
                    bind_port 30000
                    bind_if eth0
                    connect_timeout 3.5
                    fwmark 7
                    retry 3
                    delay_before_retry 2
                    warmup 5
                    delay_loop 10
                    alpha no
                    log_all_failures
                }""");
        assertThat(r.errorLines()).isEmpty();
        TcpCheck t = (TcpCheck) checkersOf(r).get(0);
        assertThat(t.connection().connectIp()).isEqualTo("203.0.113.11");
        assertThat(t.connection().connectPort()).isEqualTo(8080);
        assertThat(t.connection().bindTo()).isEqualTo("198.51.100.5");
        assertThat(t.connection().bindPort()).isEqualTo(30000);
        assertThat(t.connection().bindIf()).isEqualTo("eth0");
        assertThat(t.connection().connectTimeout()).isEqualTo(3_500_000L);
        assertThat(t.connection().fwmark()).isEqualTo(7L);
        assertThat(t.timing().retry()).isEqualTo(3L);
        assertThat(t.timing().delayBeforeRetry()).isEqualTo(2_000_000L);
        assertThat(t.timing().warmup()).isEqualTo(5_000_000L);
        assertThat(t.timing().delayLoop()).isEqualTo(10_000_000L);
        assertThat(t.timing().alpha()).isFalse();
        assertThat(t.timing().logAllFailures()).isTrue();
    }

    @Test
    void nbGetRetryIsUnknownInTcpCheckAndADeprecationErrorInHttpGet() throws IOException {
        LoadResult r = checkers("""
                TCP_CHECK {
                    nb_get_retry 3
                }
                HTTP_GET {
                    nb_get_retry 4
                    url {
                        path /
                    }
                }""");
        assertThat(r.errorLines()).containsExactly(7, 10);
        assertThat(messages(r)).anyMatch(m -> m.startsWith("Unknown keyword 'nb_get_retry'"))
                .contains("nb_get_retry is deprecated - please use 'retry'");
        assertThat(((HttpCheck) checkersOf(r).get(1)).timing().retry()).isEqualTo(4L);
        assertThat(r.exitCode()).isEqualTo(5);
    }

    @Test
    void bindtoOfAnotherFamilyThanTheRealServerIsSkipped() throws IOException {
        LoadResult r = checkers("""
                TCP_CHECK {
                    bindto 2001:db8::5
                }""");
        assertThat(messages(r)).contains("bindto address 2001:db8::5 does not match address family of connect_ip - skipping");
        assertThat(((TcpCheck) checkersOf(r).get(0)).connection().bindTo()).isNull();
    }

    @Test
    void linkLocalDestinationWithoutBindIfDropsTheChecker() throws IOException {
        // an IPv6 real server needs an IPv6 virtual server: keepalived drops one of the other family
        LoadResult r = load(around("2001:db8::10", """
                TCP_CHECK {
                    connect_ip fe80::1
                }
                TCP_CHECK {
                    connect_ip fe80::1
                    bind_if eth1
                }""").replace("198.51.100.20 80", "2001:db8::20 80"));
        assertThat(messages(r)).contains("Checker link local address fe80::1 requires a bind_if");
        assertThat(checkersOf(r)).hasSize(1);
        assertThat(((TcpCheck) checkersOf(r).get(0)).connection().bindIf()).isEqualTo("eth1");
    }

    @Test
    void httpUrlsNormaliseStatusCodesDigestsAndRegexes() throws IOException {
        LoadResult r = checkers("""
                SSL_GET {
                    http_protocol 1.0c
                    enable_sni
                    url {
                        path /a
                        digest 9B3A0C85A887A256D6939DA88AABD8CD
                        status_code 404 200 201-204 600
                        regex "ok.*"
                        regex_options caseless bogus
                        regex_max_offset 0
                    }
                    url {
                        path /b
                        regex_no_match
                    }
                }""");
        assertThat(messages(r)).contains("Invalid HTTP_GET status code '600'");
        HttpCheck h = (HttpCheck) checkersOf(r).get(0);
        assertThat(h.ssl()).isTrue();
        assertThat(h.protocol()).isEqualTo(HttpProtocol.HTTP_1_0C);
        assertThat(h.enableSni()).isTrue();
        HttpUrl a = h.urls().get(0);
        assertThat(a.digest()).isEqualTo("9b3a0c85a887a256d6939da88aabd8cd");
        assertThat(a.statusCodes()).containsExactly(List.of(200, 204), List.of(404, 404));
        assertThat(a.regex()).isEqualTo("ok.*");
        assertThat(a.regexOptions()).containsExactly(RegexOption.CASELESS);
        assertThat(a.regexMaxOffset()).isZero();
        HttpUrl b = h.urls().get(1);
        assertThat(b.statusCodes()).containsExactly(List.of(200, 299));
        assertThat(b.regexNoMatch()).as("cleared without a regex").isFalse();
    }

    @Test
    void httpGetWithoutUrlsAndUrlsWithoutPathAreDropped() throws IOException {
        LoadResult r = checkers("""
                HTTP_GET {
                    url {
                        path /ok
                    }
                    url {
                        status_code 200
                    }
                }
                TCP_CHECK {
                }""");
        assertThat(messages(r)).contains("HTTP/SSL_GET checker url has no path - ignoring");
        HttpCheck h = (HttpCheck) checkersOf(r).get(0);
        assertThat(h.urls()).extracting(HttpUrl::path).containsExactly("/ok");
    }

    @Test
    void miscCheckNeedsAScriptAndAKnownUser() throws IOException {
        LoadResult r = checkers("""
                MISC_CHECK {
                    misc_timeout 3
                }
                MISC_CHECK {
                    misc_path /bin/true
                    user no_such_user
                    misc_timeout x
                }
                MISC_CHECK {
                    misc_path "/bin/true -v"
                    misc_timeout 4
                    misc_dynamic
                    user nobody nogroup
                    connect_ip 203.0.113.1
                }""");
        assertThat(messages(r)).contains("No script path has been specified for MISC_CHECKER - skipping",
                "Failed to set uid/gid for misc checker script '/bin/true' - removing");
        assertThat(messages(r)).noneMatch(m -> m.contains("Invalid misc_timeout"));
        assertThat(messages(r)).anyMatch(m -> m.startsWith("Unknown keyword 'connect_ip'"));
        assertThat(checkersOf(r)).singleElement().isEqualTo(
                new MiscCheck(io.jkeepalived.conf.model.check.CheckerTiming.UNSET, List.of("/bin/true", "-v"), 4L, true,
                        "nobody", "nogroup"));
        assertThat(messages(r)).anyMatch(m -> m.startsWith("SECURITY VIOLATION - check scripts"));
        assertThat(r.exitCode()).isEqualTo(6);
    }

    @Test
    void smtpHostBlocksBecomeHostsAndTheirTimingIsTheCheckers() throws IOException {
        LoadResult r = checkers("""
                SMTP_CHECK {
                    helo_name mx.example.com
                    host {
                        connect_ip 203.0.113.12
                        retry 5
                    }
                }""");
        SmtpCheck s = (SmtpCheck) checkersOf(r).get(0);
        assertThat(s.heloName()).isEqualTo("mx.example.com");
        assertThat(s.hosts()).extracting(h -> h.connectIp()).containsExactly("203.0.113.12");
        assertThat(s.timing().retry()).isEqualTo(5L);
    }

    @Test
    void dnsTypesAreCaseInsensitiveAndNamesNeedLabels() throws IOException {
        LoadResult r = checkers("""
                DNS_CHECK {
                    type mx
                    name a..b
                    name example.com
                    name example.org
                }""");
        assertThat(messages(r)).contains("DNS_CHECK name 'a..b' has empty label - ignoring",
                "DNS_CHECK name already specified - ignoring");
        assertThat(checkersOf(r)).singleElement().satisfies(c -> {
            assertThat(((DnsCheck) c).type()).isEqualTo(DnsType.MX);
            assertThat(((DnsCheck) c).name()).isEqualTo("example.com");
        });
    }

    @Test
    void udpHexStringsFollowKeepalivedsReader() {
        assertThat(UdpCheckKeywords.hex("1 02 0a", false)).isEqualTo("01 02 0A");
        assertThat(UdpCheckKeywords.hex("0x 1X", true)).isEqualTo("0X 1X");
        assertThat(UdpCheckKeywords.hex("0x", false)).isNull();
        assertThat(UdpCheckKeywords.hex("01 ff", false)).as("a last octet of FF reads as an error").isNull();
        assertThat(UdpCheckKeywords.hex("ff 01", false)).isEqualTo("FF 01");
    }

    @Test
    void udpReplyLengthsAreCheckedAtTheEnd() throws IOException {
        LoadResult r = checkers("""
                UDP_CHECK {
                    payload 01 02
                    require_reply
                    min_reply_length 300
                }""");
        assertThat(messages(r)).contains("UDP_CHECK min_reply length 300 > max_reply_length 255 - will always fail");
        UdpCheck u = (UdpCheck) checkersOf(r).get(0);
        assertThat(u.payload()).isEqualTo("01 02");
        assertThat(u.requireReply()).isTrue();
        assertThat(u.reply()).isNull();
    }

    @Test
    void fileAndBfdChecksNeedWhatTheyName() throws IOException {
        LoadResult r = load("""
                track_file tf1 {
                    file /tmp/jk-tf1
                }
                bfd_instance b1 {
                    neighbor_ip 203.0.113.10
                }
                """ + around("203.0.113.10", """
                FILE_CHECK {
                    track_file tf1
                    weight -3 reverse
                }
                FILE_CHECK {
                    track_file tf2
                }
                BFD_CHECK {
                    name b1
                }
                BFD_CHECK {
                    name b2
                }"""));
        assertThat(messages(r)).contains("track_file tf2 not found", "FILE_CHECK has no track_file specified - ignoring",
                "([203.0.113.10]:80) BFD_CHECK - BFD b2 not configured");
        assertThat(checkersOf(r)).containsExactly(new FileCheck("tf1", -3, true), new BfdCheck("b1", null));
    }

    @Test
    void statusCodeWordsFollowStrtoul() {
        assertThat(HttpCheckKeywords.statusRange("200-299")).containsExactly(200, 299);
        assertThat(HttpCheckKeywords.statusRange("404")).containsExactly(404, 404);
        assertThat(HttpCheckKeywords.statusRange("200-")).isNull();
        assertThat(HttpCheckKeywords.statusRange("300-200")).isNull();
        assertThat(HttpCheckKeywords.statusRange("-200")).isNull();
        assertThat(HttpCheckKeywords.statusRange("x")).isNull();
    }

    @Test
    void timersPrintAsKeepalivedSeconds() {
        assertThat(CheckerWriter.timer(3_500_000L)).isEqualTo("3.5");
        assertThat(CheckerWriter.timer(10_000_000L)).isEqualTo("10");
        assertThat(CheckerWriter.timer(1L)).isEqualTo("0.000001");
    }

    @Test
    void smtpCheckFallsBackToTheLinkLocalRealServerOnlyWithoutHosts() throws IOException {
        LoadResult r = load(around("fe80::10", """
                SMTP_CHECK {
                    host {
                        connect_ip 2001:db8::11
                    }
                }
                SMTP_CHECK {
                    connect_port 25
                }
                SMTP_CHECK {
                    connect_ip 2001:db8::300:x
                    host {
                        connect_ip 2001:db8::12
                    }
                }"""));
        assertThat(messages(r)).containsOnlyOnce("Checker link local address fe80::10 requires a bind_if");
    }

    @Test
    void aRealServerFollowsEachBfdOnce() throws IOException {
        LoadResult r = load("bfd_instance b1 {\n    neighbor_ip 203.0.113.10\n}\n" + around("203.0.113.10", """
                BFD_CHECK {
                    name b1
                }
                BFD_CHECK {
                    name b1
                }"""));
        assertThat(messages(r)).contains("([203.0.113.10]:80) BFD_CHECK - RS already monitoring b1");
    }

    @Test
    void dnsNamesWithADotAsSecondCharacterAreRejectedAsKeepalivedDoes() {
        assertThat(DnsCheckKeywords.emptyLabel("a.b")).isTrue();
        assertThat(DnsCheckKeywords.emptyLabel("a.")).isTrue();
        assertThat(DnsCheckKeywords.emptyLabel(".")).isFalse();
        assertThat(DnsCheckKeywords.emptyLabel("www.example.com")).isFalse();
        assertThat(DnsCheckKeywords.emptyLabel("ab..c")).isTrue();
    }
}
