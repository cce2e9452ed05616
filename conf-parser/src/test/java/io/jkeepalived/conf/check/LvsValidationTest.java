package io.jkeepalived.conf.check;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.conf.TestMachine;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.conf.parser.Diagnostic;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** keepalived 2.2.7's virtual server checks, as its {@code -t} prints them (messages checked against it). */
class LvsValidationTest {
    @TempDir
    Path dir;

    private LoadResult load(String text) throws IOException {
        Path f = dir.resolve("k" + System.nanoTime() + ".conf");
        Files.writeString(f, text);
        return ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, true, TestMachine.INSTANCE, null));
    }

    private static List<String> messages(LoadResult r) {
        return r.diagnostics().stream().filter(d -> !d.notice()).map(Diagnostic::message).toList();
    }

    @Test
    void directRoutingRealServersOnAnotherPortAreReset() throws IOException {
        LoadResult r = load("""
                virtual_server 198.51.100.20 80 {
                    lb_algo rr
                    lb_kind DR
                    protocol TCP
                    sorry_server 203.0.113.99 8081
                    real_server 203.0.113.11 8080 {
                    }
                    real_server 203.0.113.12 {
                    }
                    real_server 203.0.113.14 8080 {
                        lvs_method NAT
                    }
                }
                """);
        assertThat(messages(r)).containsExactly(
                "WARNING - virtual server [198.51.100.20]:tcp:80 and real server [203.0.113.11]:tcp:8080 ports don't match - resetting",
                "WARNING - virtual server [198.51.100.20]:tcp:80 and sorry server ports don't match - resetting");
        assertThat(r.exitCode()).isEqualTo(5);
    }

    @Test
    void aRealServerOfTheOtherFamilyIsDroppedWhenItsBlockCloses() throws IOException {
        LoadResult r = load("""
                virtual_server 198.51.100.20 80 {
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    real_server 2001:db8::11 80 {
                    }
                    real_server 203.0.113.11 80 {
                    }
                    real_server 2001:db8::12 80 {
                        lvs_method TUN
                    }
                }
                """);
        assertThat(r.diagnostics().stream().filter(d -> !d.notice()).map(Diagnostic::format).toList())
                .anyMatch(m -> m.contains("Line 6)") && m.endsWith(
                        "Address family of virtual server and real server 2001:db8::11 don't match - skipping real server."));
        VirtualServer vs = r.config().check().virtualServers().get(0);
        assertThat(vs.realServers()).extracting(rs -> rs.address()).containsExactly("203.0.113.11", "2001:db8::12");
    }

    @Test
    void quorumHysteresisAndSorryServerInhibit() throws IOException {
        LoadResult r = load("""
                virtual_server 198.51.100.21 80 {
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    sorry_server 203.0.113.40 80
                    quorum 5
                    hysteresis 7
                    real_server 203.0.113.41 80 {
                    }
                    real_server 203.0.113.40 80 {
                        inhibit_on_failure
                    }
                }
                """);
        assertThat(messages(r)).containsExactly(
                "Virtual server [198.51.100.21]:tcp:80: real server [203.0.113.40]:tcp:80 matches sorry server, but inhibit setting differs, setting on sorry server",
                "Warning - quorum 5 for [198.51.100.21]:tcp:80 exceeds total weight of real servers 2, reducing quorum to 2",
                "Virtual server [198.51.100.21]:tcp:80: hysteresis 7 >= quorum 2; setting hysteresis to 1");
        VirtualServer vs = r.config().check().virtualServers().get(0);
        assertThat(vs.quorum()).isEqualTo(2);
        assertThat(vs.hysteresis()).isEqualTo(1);
    }

    @Test
    void groupEntriesAndTheirMistakes() throws IOException {
        LoadResult r = load("""
                virtual_server_group G {
                    198.51.100.1-10 80
                    198.51.100.20-5 80
                    198.51.100.41/30 80
                    2001:db8::5-2001:db8::1 80
                    fmark 6
                    fwmark 8 inet5
                }
                virtual_server group G {
                    lb_algo rr
                    lb_kind DR
                    protocol TCP
                    real_server 203.0.113.11 8080 {
                    }
                }
                virtual_server group MISSING {
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    real_server 203.0.113.13 80 {
                    }
                }
                """);
        assertThat(messages(r)).containsExactly(
                "Address range end is not greater than address range start - 198.51.100.20-5 - skipping",
                "Address mask bits not empty - 198.51.100.41/30 - skipping",
                "Address range end is less than address range start - 2001:db8::5-2001:db8::1 - skipping",
                "Invalid virtual server group IP address fmark /port/6 - skipping",
                "(G): fwmark '8' family inet5 unknown - ignoring",
                "virtual server [G]:0:[198.51.100.1-198.51.100.10,80] and real server [203.0.113.11]:tcp:8080 ports don't match");
        // keepalived drops a virtual server naming an unknown group (a log line, not a configuration error)
        assertThat(r.config().check().virtualServers()).hasSize(1);
    }

    @Test
    void shAndMhFlagsNeedTheirScheduler() throws IOException {
        LoadResult r = load("""
                virtual_server 198.51.100.23 80 {
                    lb_algo wrr
                    mh-fallback
                    lb_kind NAT
                    protocol SCTP
                    ops
                    real_server 203.0.113.14 80 {
                    }
                }
                """);
        assertThat(messages(r)).containsExactly(
                "mh-fallback only applies to sh scheduler - ignoring",
                "Virtual server [198.51.100.23]:sctp:80: one packet scheduling requires UDP - resetting");
    }

    @Test
    void tunnelOptionsAreCheckedButTheMethodIsKept() throws IOException {
        LoadResult r = load("""
                virtual_server 198.51.100.20 80 {
                    lb_algo rr
                    lb_kind TUN type gue port 6080
                    protocol TCP
                    real_server 203.0.113.12 80 {
                        lvs_method TUN type gue
                    }
                    real_server 203.0.113.17 80 {
                        lvs_method DR type ipip csum
                    }
                    real_server 203.0.113.18 80 {
                        lvs_method TUN type gre remcsum
                    }
                }
                """);
        assertThat(messages(r)).containsExactly(
                "gue tunnels require port, otherwise cannot have port.",
                "ipip tunnels do not support checksum option.",
                "gre tunnels do not support remote checksum option.");
        assertThat(r.config().check().virtualServers().get(0).realServers()).extracting(rs -> rs.forwarding().name())
                .containsExactly("TUN", "DR", "TUN");
    }

    @Test
    void repeatedScriptsAndFlagParameters() throws IOException {
        LoadResult r = load("""
                global_defs {
                    enable_script_security
                }
                virtual_server group G {
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    smtp_alert maybe
                    real_server 203.0.113.12 80 {
                        inhibit_on_failure sometimes
                        notify_up /bin/true
                        notify_up /bin/false
                    }
                }
                virtual_server_group G {
                    198.51.100.30 80
                }
                """);
        assertThat(messages(r)).contains(
                "Invalid virtual_server smtp_alert parameter maybe",
                "Invalid inhibit_on_failure parameter sometimes",
                "(G) notify_up script already specified - ignoring /bin/false");
    }

    @Test
    void ipv4GranularityIsReadLikeInetAton() {
        assertThat(List.of("24", "255.255.255.0", "0xffffff00", "255.0377.0.0", "1.2.65535"))
                .allMatch(CheckKeywords::inetAton);
        assertThat(List.of("256.0.0.0", "1.2.3.4.5", "08", "1..2", "abc", "1.2.65536", ""))
                .noneMatch(CheckKeywords::inetAton);
    }

    @Property
    void ipv6TextIsInetNtops(@ForAll byte[] raw) throws Exception {
        byte[] b = new byte[16];
        System.arraycopy(raw, 0, b, 0, Math.min(16, raw.length));
        String text = io.jkeepalived.conf.net.InetText.ntop(b);
        byte[] back = InetAddress.getByName(text).getAddress();
        if (back.length == 4) {
            // ::ffff:a.b.c.d, which Java reads as the IPv4 address
            assertThat(text).startsWith("::ffff:");
            assertThat(back).isEqualTo(java.util.Arrays.copyOfRange(b, 12, 16));
        } else {
            assertThat(back).isEqualTo(b);
        }
        assertThat(text).doesNotContain(":::").isEqualTo(text.toLowerCase(java.util.Locale.ROOT));
    }
}
