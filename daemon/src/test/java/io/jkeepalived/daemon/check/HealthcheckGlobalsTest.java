package io.jkeepalived.daemon.check;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.check.VirtualServer;
import io.jkeepalived.daemon.TestConfigs;
import io.jkeepalived.healthcheck.RealServerVerdict;
import io.jkeepalived.healthcheck.VerdictListener;
import io.jkeepalived.ipvs.IpvsProtocol;
import io.jkeepalived.ipvs.IpvsServiceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Healthcheck subsystem's IPVS globals and ha_suspend, in a dry run with made-up verdicts: lvs_timeouts and a
 * sync daemon without VRRP instance are set at start and undone at stop, and a virtual server whose address is on no
 * interface of this host (198.51.100.77, a documentation address) ignores its verdicts. The address watch reads this
 * host's addresses and subscribes to their changes; it changes nothing. (Following the address at run time is tested
 * in the kernel lab: LvsGlobalsKernelLabTest.)
 */
class HealthcheckGlobalsTest {
    @TempDir
    Path dir;

    @Test
    void globalsAreAppliedAndASuspendedVirtualServerIgnoresItsVerdicts() throws Exception {
        KeepalivedConfig config = TestConfigs.load(dir, """
                global_defs {
                    lvs_timeouts tcp 901 udp 301
                    lvs_sync_daemon eth0 id 4
                }
                virtual_server 198.51.100.77 8080 {
                    protocol TCP
                    ha_suspend
                    real_server 203.0.113.2 8080 {
                        TCP_CHECK {
                        }
                    }
                }
                virtual_server 198.51.100.78 8080 {
                    protocol TCP
                    real_server 203.0.113.2 8080 {
                        TCP_CHECK {
                        }
                    }
                }
                """);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicReference<VerdictListener> engine = new AtomicReference<>();
        HealthcheckService s = new HealthcheckService(config, true, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                (c, clock, listener) -> {
                    engine.set(listener);
                    return () -> { };
                });
        s.start(System::nanoTime);
        for (VirtualServer vs : config.check().virtualServers()) {
            engine.get().onVerdict(new RealServerVerdict(vs, vs.realServers().get(0), false, 1));
        }
        assertThat(s.known().get(IpvsServiceKey.of(IpvsProtocol.TCP, InetAddress.getByName("198.51.100.77"), 8080))
                .destinations()).as("suspended: the failure is not acted on").hasSize(1);
        assertThat(s.known().get(IpvsServiceKey.of(IpvsProtocol.TCP, InetAddress.getByName("198.51.100.78"), 8080))
                .destinations()).isEmpty();
        s.stop();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.contains("service") && !l.contains("destination")))
                .containsExactly(
                        "Dry run: set IPVS timeouts tcp 901 tcpfin 0 udp 301",
                        "Dry run: stop the MASTER sync daemon",
                        "Dry run: stop the BACKUP sync daemon",
                        "Dry run: start the MASTER sync daemon on eth0 (sync id 4)",
                        "Dry run: start the BACKUP sync daemon on eth0 (sync id 4)",
                        "Dry run: stop the MASTER sync daemon",
                        "Dry run: stop the BACKUP sync daemon",
                        "Dry run: set IPVS timeouts tcp 900 tcpfin 120 udp 300");
    }
}
