package io.jkeepalived.daemon.lvs;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.daemon.TestConfigs;
import io.jkeepalived.ipvs.SyncState;
import io.jkeepalived.vrrp.fsm.VrrpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** lvs_sync_daemon settings changed by a reload: the VRRP side's follower and the checker side's globals. */
class SyncDaemonReloadTest {
    @TempDir
    Path dir;

    private KeepalivedConfig load(String globals) throws Exception {
        return TestConfigs.load(dir, "global_defs {\n" + globals + "\n}\n" + """
                virtual_server 198.51.100.10 80 {
                    protocol TCP
                    real_server 203.0.113.2 80 {
                    }
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        198.51.100.10
                    }
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    virtual_ipaddress {
                        198.51.100.11
                    }
                }
                """);
    }

    private static FakeLvs kernel;

    private SyncDaemonFollower follower(KeepalivedConfig c) {
        SyncDaemonFollower.Settings s = SyncDaemonFollower.settings(c);
        kernel = new FakeLvs();
        FakeLvs k = kernel;
        return new SyncDaemonFollower(s == null ? null : s.config(), s == null ? null : s.instance(),
                s == null ? 0 : s.syncId(), () -> k);
    }

    @Test
    void changedSettingsRestartTheDaemonInTheInstancesRole() throws Exception {
        SyncDaemonFollower f = follower(load("lvs_sync_daemon eth0 VI_1 port 8850"));
        f.changed("VI_1", VrrpState.INIT, VrrpState.BACKUP);
        f.changed("VI_1", VrrpState.BACKUP, VrrpState.MASTER);
        f.reloaded(load("lvs_sync_daemon eth0 VI_1 port 8851"));
        f.close();
        assertThat(kernel.requests).containsExactly("start BACKUP", "stop BACKUP", "start MASTER",
                "stop MASTER", "start MASTER", "stop MASTER");
    }

    @Test
    void theSameSettingsLeaveTheDaemonAlone() throws Exception {
        SyncDaemonFollower f = follower(load("lvs_sync_daemon eth0 VI_1"));
        f.changed("VI_1", VrrpState.INIT, VrrpState.BACKUP);
        f.reloaded(load("lvs_sync_daemon eth0 VI_1"));
        f.close();
        assertThat(kernel.requests).containsExactly("start BACKUP", "stop BACKUP");
    }

    @Test
    void anotherInstanceIsFollowedInItsRole() throws Exception {
        SyncDaemonFollower f = follower(load("lvs_sync_daemon eth0 VI_1"));
        f.changed("VI_1", VrrpState.INIT, VrrpState.BACKUP);
        f.changed("VI_2", VrrpState.INIT, VrrpState.BACKUP);
        f.changed("VI_1", VrrpState.BACKUP, VrrpState.MASTER);
        f.reloaded(load("lvs_sync_daemon eth0 VI_2"));
        f.changed("VI_1", VrrpState.MASTER, VrrpState.BACKUP); // no longer followed
        f.changed("VI_2", VrrpState.BACKUP, VrrpState.MASTER);
        f.close();
        assertThat(kernel.requests).containsExactly("start BACKUP", "stop BACKUP", "start MASTER", "stop MASTER",
                "start BACKUP", "stop BACKUP", "start MASTER", "stop MASTER");
    }

    @Test
    void aRemovedSettingStopsTheDaemonAndAnAddedOneStartsIt() throws Exception {
        SyncDaemonFollower f = follower(load("lvs_sync_daemon eth0 VI_1"));
        f.changed("VI_1", VrrpState.INIT, VrrpState.BACKUP);
        f.reloaded(load("router_id lab"));
        f.changed("VI_1", VrrpState.BACKUP, VrrpState.MASTER); // nothing followed
        f.reloaded(load("lvs_sync_daemon eth1 VI_1 id 7"));
        f.close();
        assertThat(kernel.requests).containsExactly("start BACKUP", "stop BACKUP", "start MASTER", "stop MASTER");
    }

    @Test
    void aFollowerWithoutSettingsAtStartFollowsOneAddedByAReload() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
        SyncDaemonFollower f = SyncDaemonFollower.following(load("router_id lab"), true, p);
        f.changed("VI_2", VrrpState.INIT, VrrpState.BACKUP);
        f.changed("VI_2", VrrpState.BACKUP, VrrpState.MASTER);
        f.reloaded(load("lvs_sync_daemon eth0 VI_2"));
        f.close();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "Dry run: start the MASTER sync daemon on eth0 (sync id 52)",
                "Dry run: stop the MASTER sync daemon");
    }

    @Test
    void theCheckerSideRestartsBothDaemonsWhenTheirSettingsChange() throws Exception {
        FakeLvs k = new FakeLvs();
        List<String> log = new ArrayList<>();
        LvsGlobals g = LvsGlobals.start(load("lvs_sync_daemon eth0 id 5").global(), k, log::add);
        k.requests.clear();

        g.reload(load("lvs_sync_daemon eth0 id 5").global());
        assertThat(k.requests).as("unchanged").isEmpty();

        g.reload(load("lvs_sync_daemon eth1 id 5").global());
        assertThat(k.requests).containsExactly("stop MASTER", "stop BACKUP", "stop MASTER", "stop BACKUP",
                "start MASTER", "start BACKUP");
        assertThat(k.daemons.get(SyncState.MASTER).interfaceName()).isEqualTo("eth1");
        k.requests.clear();

        g.reload(load("lvs_sync_daemon eth1 VI_1").global()); // now the VRRP side's
        assertThat(k.requests).containsExactly("stop MASTER", "stop BACKUP");
        assertThat(k.daemons).isEmpty();
        k.requests.clear();

        g.reload(load("lvs_sync_daemon eth0").global());
        assertThat(k.requests).containsExactly("stop MASTER", "stop BACKUP", "start MASTER", "start BACKUP");
        g.stop();
        assertThat(k.daemons).isEmpty();
        assertThat(log).isEmpty();
    }
}
