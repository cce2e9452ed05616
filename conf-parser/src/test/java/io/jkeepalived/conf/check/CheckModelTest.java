package io.jkeepalived.conf.check;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.conf.TestMachine;
import io.jkeepalived.conf.model.check.ForwardingMethod;
import io.jkeepalived.conf.model.check.HttpCheck;
import io.jkeepalived.conf.model.check.MiscCheck;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.TcpCheck;
import io.jkeepalived.conf.model.check.VirtualServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckModelTest {
    @TempDir
    Path dir;

    @Test
    void virtualServerRealServersAndCheckersAreTyped() throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, """
                virtual_server 198.51.100.20 80 {
                    delay_loop 6
                    lb_algo rr
                    lb_kind DR
                    protocol TCP
                    persistence_timeout 50
                    real_server 203.0.113.11 8080 {
                        weight 3
                        TCP_CHECK {
                            connect_timeout 2.5
                            retry 3
                        }
                        HTTP_GET {
                            url {
                                path /health
                                status_code 200-299
                            }
                            nb_get_retry 2
                        }
                    }
                    real_server 203.0.113.12 8080 {
                        lvs_method NAT
                        MISC_CHECK {
                            misc_path "/bin/true -x"
                            misc_timeout 5
                            misc_dynamic
                        }
                    }
                }
                """);
        LoadResult r = ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, true, TestMachine.INSTANCE, null));
        VirtualServer vs = r.config().check().virtualServers().get(0);
        assertThat(vs.protocol()).isEqualTo("TCP");
        assertThat(vs.scheduler()).isEqualTo("rr");
        assertThat(vs.forwarding()).isEqualTo(ForwardingMethod.DR);
        assertThat(vs.delayLoopMicros()).isEqualTo(6_000_000L);
        assertThat(vs.persistenceTimeout()).isEqualTo(50);

        RealServer first = vs.realServers().get(0);
        assertThat(first.weight()).isEqualTo(3);
        assertThat(first.forwarding()).isEqualTo(ForwardingMethod.DR);
        TcpCheck tcp = (TcpCheck) first.checkers().get(0);
        assertThat(tcp.connection().connectTimeout()).isEqualTo(2_500_000L);
        assertThat(tcp.timing().retry()).isEqualTo(3L);
        HttpCheck http = (HttpCheck) first.checkers().get(1);
        assertThat(http.urls()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("/health");
            assertThat(u.statusCodes()).containsExactly(java.util.List.of(200, 299));
        });
        assertThat(http.timing().retry()).isEqualTo(2L);

        RealServer second = vs.realServers().get(1);
        assertThat(second.forwarding()).isEqualTo(ForwardingMethod.NAT);
        assertThat(second.weight()).isEqualTo(1);
        MiscCheck misc = (MiscCheck) second.checkers().get(0);
        assertThat(misc.script()).containsExactly("/bin/true", "-x");
        assertThat(misc.timeout()).isEqualTo(5L);
        assertThat(misc.dynamic()).isTrue();
    }

    /** The virtual and real server's virtualhost, the last line winning and a line without a name ignored. */
    @Test
    void virtualhostAtVirtualAndRealServerLevel() throws IOException {
        Path f = dir.resolve("v.conf");
        Files.writeString(f, """
                virtual_server 198.51.100.20 80 {
                    protocol TCP
                    virtualhost first.example
                    virtualhost vs.example
                    real_server 203.0.113.11 8080 {
                        virtualhost rs.example
                        virtualhost
                        HTTP_GET {
                            url {
                                path /
                            }
                        }
                    }
                    real_server 203.0.113.12 8080 {
                        HTTP_GET {
                            url {
                                path /
                            }
                        }
                    }
                }
                virtual_server 198.51.100.21 80 {
                    protocol TCP
                    real_server 203.0.113.11 8080 {
                        TCP_CHECK {
                        }
                    }
                }
                """);
        LoadResult r = ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, true, TestMachine.INSTANCE, null));
        assertThat(r.diagnostics().stream().map(d -> d.format()).toList()).anyMatch(l -> l.contains("real server virtualhost missing"));
        VirtualServer vs = r.config().check().virtualServers().get(0);
        assertThat(vs.virtualhost()).isEqualTo("vs.example");
        assertThat(vs.realServers().get(0).virtualhost()).isEqualTo("rs.example");
        assertThat(vs.realServers().get(1).virtualhost()).isNull();
        assertThat(r.config().check().virtualServers().get(1).virtualhost()).isNull();
    }

    /** The root SSL block: the last block wins, each value the last given; no block is null. */
    @Test
    void sslBlockIsTyped() throws IOException {
        Path f = dir.resolve("s.conf");
        Files.writeString(f, """
                SSL {
                    password old
                    ca /etc/ssl/old.pem
                }
                SSL {
                    password pass1
                    password
                    ca /etc/ssl/ca.pem
                    certificate /etc/ssl/client.pem
                    key /etc/ssl/a.key
                    key /etc/ssl/client.key
                }
                """);
        LoadResult r = ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, true, TestMachine.INSTANCE, null));
        assertThat(r.diagnostics().stream().map(d -> d.format()).toList()).containsExactly(
                "(" + f + ": Line 5) SSL context already specified - replacing",
                "(" + f + ": Line 7) SSL password missing",
                "(" + f + ": Line 11) SSL keyfile already specified - replacing");
        assertThat(r.config().check().ssl()).isEqualTo(new io.jkeepalived.conf.model.check.SslSettings("pass1",
                "/etc/ssl/ca.pem", "/etc/ssl/client.pem", "/etc/ssl/client.key"));
        assertThat(r.config().check().ssl().toString()).doesNotContain("pass1");

        Files.writeString(f, "SSL {\n}\n");
        r = ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, true, TestMachine.INSTANCE, null));
        assertThat(r.config().check().ssl()).isEqualTo(io.jkeepalived.conf.model.check.SslSettings.EMPTY);
        Files.writeString(f, "global_defs {\n}\n");
        r = ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, true, TestMachine.INSTANCE, null));
        assertThat(r.config().check().ssl()).isNull();
    }
}
