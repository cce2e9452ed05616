package io.jkeepalived.daemon.lvs;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.daemon.TestConfigs;
import io.jkeepalived.ipvs.IpvsSyncDaemon;
import io.jkeepalived.ipvs.IpvsTimeouts;
import io.jkeepalived.ipvs.SyncState;
import io.jkeepalived.vrrp.fsm.VrrpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LvsGlobalsTest {
    @TempDir
    Path dir;

    private static final String VS = """
            virtual_server 198.51.100.10 80 {
                protocol TCP
                real_server 203.0.113.2 80 {
                }
            }
            """;

    private KeepalivedConfig load(String globals) throws Exception {
        return TestConfigs.load(dir, "global_defs {\n" + globals + "\n}\n" + VS + """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        198.51.100.10
                    }
                }
                """);
    }

    @Test
    void timeoutsSetAtStartAndTheKernelsPutBackAtStop() throws Exception {
        FakeLvs k = new FakeLvs();
        k.timeouts = new IpvsTimeouts(7200, 60, 150);
        List<String> log = new ArrayList<>();
        LvsGlobals g = LvsGlobals.start(load("lvs_timeouts tcp 901 udp 301").global(), k, log::add);
        assertThat(k.timeouts).isEqualTo(new IpvsTimeouts(901, 60, 301));
        assertThat(k.requests).containsExactly("set 901 0 301");
        g.stop();
        assertThat(k.timeouts).isEqualTo(new IpvsTimeouts(7200, 60, 150));
        assertThat(log).isEmpty();
    }

    @Test
    void withoutTimeoutsNothingIsReadOrSet() throws Exception {
        FakeLvs k = new FakeLvs();
        LvsGlobals g = LvsGlobals.start(load("router_id lab").global(), k, s -> { });
        g.stop();
        assertThat(k.requests).isEmpty();
    }

    @Test
    void aSyncDaemonWithoutInstanceRunsBothRolesOnTheCheckerSide() throws Exception {
        FakeLvs k = new FakeLvs();
        k.daemons.put(SyncState.BACKUP, IpvsSyncDaemon.of(SyncState.BACKUP, "eth9", 1));   // left by a crash
        List<String> log = new ArrayList<>();
        KeepalivedConfig c = load("lvs_sync_daemon eth0 id 5 maxlen 1400 port 8850 ttl 2 group 239.1.2.3");
        LvsGlobals g = LvsGlobals.start(c.global(), k, log::add);
        assertThat(k.daemons).containsOnlyKeys(SyncState.MASTER, SyncState.BACKUP);
        assertThat(k.daemons.get(SyncState.MASTER)).isEqualTo(new IpvsSyncDaemon(SyncState.MASTER, "eth0", 5, 1400,
                InetAddress.getByName("239.1.2.3"), 8850, 2));
        assertThat(k.daemons.get(SyncState.BACKUP).interfaceName()).isEqualTo("eth0");
        assertThat(SyncDaemonFollower.create(c, false, System.out)).as("no VRRP side").isNull();
        g.stop();
        assertThat(k.daemons).isEmpty();
        assertThat(log).as("the stops of daemons that were not running are quiet").isEmpty();
    }

    @Test
    void aSyncDaemonNamingAnInstanceIsLeftToTheVrrpSide() throws Exception {
        FakeLvs k = new FakeLvs();
        LvsGlobals g = LvsGlobals.start(load("lvs_sync_daemon eth0 VI_1").global(), k, s -> { });
        g.stop();
        assertThat(k.requests).isEmpty();
    }

    @Test
    void theVrrpSideFollowsTheInstanceWithItsVridAsSyncId() throws Exception {
        KeepalivedConfig c = load("lvs_sync_daemon eth0 VI_1 port 8850");
        SyncDaemonFollower created = SyncDaemonFollower.create(c, false, System.out);
        assertThat(created).isNotNull();
        created.close();
        FakeLvs k = new FakeLvs();
        SyncDaemonFollower f = new SyncDaemonFollower(c.global().lvs().syncDaemon(), "VI_1", 51, () -> k);
        f.changed("VI_1", VrrpState.INIT, VrrpState.BACKUP);
        f.changed("VI_2", VrrpState.BACKUP, VrrpState.MASTER);   // not ours
        f.changed("VI_1", VrrpState.BACKUP, VrrpState.MASTER);
        f.changed("VI_1", VrrpState.MASTER, VrrpState.BACKUP);
        f.changed("VI_1", VrrpState.BACKUP, VrrpState.MASTER);
        f.close();
        assertThat(k.requests).containsExactly("start BACKUP", "stop BACKUP", "start MASTER", "stop MASTER", "start BACKUP",
                "stop BACKUP", "start MASTER", "stop MASTER");
        assertThat(k.daemons).isEmpty();
        assertThat(k.closed).isTrue();
    }

    @Test
    void theSyncIdGivenWinsAndTheDaemonCarriesEverySetting() throws Exception {
        KeepalivedConfig c = load("lvs_sync_daemon eth1 VI_1 id 9 maxlen 1200 ttl 3 group 239.1.2.4");
        IpvsSyncDaemon d = SyncDaemons.daemon(c.global().lvs().syncDaemon(), SyncState.MASTER, 9);
        assertThat(d).isEqualTo(new IpvsSyncDaemon(SyncState.MASTER, "eth1", 9, 1200, InetAddress.getByName("239.1.2.4"), 0, 3));
        assertThat(c.global().lvs().syncDaemon().syncId()).isEqualTo(9);
    }

    @Test
    void anUnknownInstanceClearsTheSetting() throws Exception {
        assertThat(SyncDaemonFollower.create(load("lvs_sync_daemon eth0 VI_9"), false, System.out)).isNull();
    }

    @Test
    void aDryRunPrintsTheRequests() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
        LvsControl dry = LvsControl.dryRun(p, LvsControl.KERNEL_DEFAULTS);
        LvsGlobals g = LvsGlobals.start(load("lvs_timeouts tcp 60\nlvs_sync_daemon eth0").global(), dry, s -> { });
        g.stop();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "Dry run: set IPVS timeouts tcp 60 tcpfin 0 udp 0",
                "Dry run: stop the MASTER sync daemon",
                "Dry run: stop the BACKUP sync daemon",
                "Dry run: start the MASTER sync daemon on eth0 (sync id 0)",
                "Dry run: start the BACKUP sync daemon on eth0 (sync id 0)",
                "Dry run: stop the MASTER sync daemon",
                "Dry run: stop the BACKUP sync daemon",
                "Dry run: set IPVS timeouts tcp 900 tcpfin 120 udp 300");
    }
}
