package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.vrrp.Director.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004 (keepalive + Nginx) with its config as the article writes it: {@code vrrp_script chk_http_port}
 * (interval 2, {@code weight 2}) tracked by VI_1, VRID 51, master priority 102 with {@code mcast_src_ip}, PASS 1111.
 * The backup is "the same with state BACKUP" and, as the article only says the master's priority must be the higher,
 * 101. Addresses translated: the master's 192.168.1.103 → 198.51.100.103 (its own address and mcast_src_ip), the
 * backup's 198.51.100.104, the VIP 192.168.1.110 → 198.51.100.110. The nginx check tests a flag file per node.
 * <p>
 * Both checks pass: 102 + 2 = 104 against 101 + 2 = 103, the master holds the VIP. The master's check fails: it drops
 * to 102, below the backup whose check passes, and the backup preempts (after its master-down timer, as it discards
 * the lower-priority adverts). The check recovers: 104 again, and the master preempts back. Both roles against
 * keepalived 2.2.7; the times are printed.
 */
class Seed004WeightTest {
    static final String VIP = "198.51.100.110";
    static final double INTERVAL = 2;
    static final double SLACK = 0.100;
    /** As in {@link Seed003TrackScriptTest#LOADED_MARGIN}: a 2-core machine shared by up to 8 helpers. */
    static final double LOADED_MARGIN = 0.5;

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        VrrpInteropTest.needs();
    }

    static String config(String state, int priority, String self, Path script) {
        return """
                global_defs {
                notification_email {
                admin@centos.bz
                }
                notification_email_from keepalived@domain.com
                smtp_server 127.0.0.1
                smtp_connect_timeout 30
                router_id LVS_DEVEL
                }
                vrrp_script chk_http_port {
                script "%s"
                interval 2
                weight 2
                }
                vrrp_instance VI_1 {
                state %s ############ 辅机为 BACKUP
                interface eth0
                virtual_router_id 51 #虚拟路由ID,主备相同
                mcast_src_ip %s
                priority %d # 权值要比 back 高
                advert_int 1
                authentication { #口令,主备相同
                auth_type PASS
                auth_pass 1111
                }
                track_script {
                chk_http_port ### 执行监控的服务
                }
                virtual_ipaddress { #VIP 切换漂移的VIP
                198.51.100.110
                }
                }
                """.formatted(script, state, self, priority);
    }

    static Path checkScript(Path dir, String node, Path flag) throws Exception {
        Path script = dir.resolve(node + "-nginx_pid.sh");
        Files.writeString(script, "#!/bin/sh\n# nginx runs while the flag file exists\ntest -f " + flag + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    enum Role {
        MASTER, BACKUP
    }

    @ParameterizedTest(name = "jkeepalived as {0}")
    @EnumSource(Role.class)
    void backupWithAPassingCheckWins(Role jkRole) throws Exception {
        Path masterFlag = dir.resolve("master-nginx");
        Path backupFlag = dir.resolve("backup-nginx");
        Files.writeString(masterFlag, "up\n");
        Files.writeString(backupFlag, "up\n");
        Kind k1 = jkRole == Role.MASTER ? Kind.JKEEPALIVED : Kind.KEEPALIVED;
        Kind k2 = jkRole == Role.MASTER ? Kind.KEEPALIVED : Kind.JKEEPALIVED;
        double failed;
        double onBackup;
        double recovered;
        double backOnMaster;
        String context;
        try (SeedLab lab = new SeedLab("s4", dir, k1, "198.51.100.103", k2, "198.51.100.104")) {
            lab.lb01.start(config("MASTER", 102, "198.51.100.103", checkScript(dir, "master", masterFlag)));
            assertThat(lab.lb01.awaitLog("(VI_1) Entering MASTER STATE", 20_000))
                    .as("the master comes up" + lab.context()).isTrue();
            lab.lb02.start(config("BACKUP", 101, "198.51.100.104", checkScript(dir, "backup", backupFlag)));
            assertThat(lab.lb02.awaitLog("(VI_1) Entering BACKUP STATE", 20_000))
                    .as("the backup comes up" + lab.context()).isTrue();
            assertThat(lab.lb01.awaitLog("Changing effective priority from 102 to 104", 10_000))
                    .as("the master's passing check adds 2" + lab.context()).isTrue();
            assertThat(lab.lb02.awaitLog("Changing effective priority from 101 to 103", 10_000))
                    .as("the backup's passing check adds 2" + lab.context()).isTrue();
            Thread.sleep(2_000);
            assertThat(SeedLab.hasVip(lab.h1, VIP)).as("104 > 103: VIP on the master" + lab.context()).isTrue();
            assertThat(lab.lb02.log()).as("the backup stays backup").doesNotContain("Entering MASTER STATE");

            failed = SeedLab.now();
            Files.delete(masterFlag);
            onBackup = lab.awaitVipEvent(2, VIP, true, failed, 15_000);
            assertThat(onBackup).as("102 < 103: the backup with a passing check takes the VIP" + lab.context())
                    .isPositive();
            assertThat(lab.lb01.awaitLog("Changing effective priority from 104 to 102", 1_000)).isTrue();
            assertThat(lab.awaitVipEvent(1, VIP, false, failed, 3_000)).as("the master gives it up" + lab.context())
                    .isPositive();
            assertThat(lab.lb01.awaitLog("(VI_1) Entering BACKUP STATE", 3_000))
                    .as("the master is now backup, not faulty" + lab.context()).isTrue();
            assertThat(lab.lb01.log()).doesNotContain("Entering FAULT STATE");

            recovered = SeedLab.now();
            Files.writeString(masterFlag, "up\n");
            backOnMaster = lab.awaitVipEvent(1, VIP, true, recovered, 15_000);
            assertThat(backOnMaster).as("104 > 103: the master preempts back" + lab.context()).isPositive();
            assertThat(lab.awaitVipEvent(2, VIP, false, recovered, 3_000)).as("the backup yields" + lab.context())
                    .isPositive();
            Thread.sleep(1_000);
            assertThat(SeedLab.hasVip(lab.h1, VIP)).isTrue();
            assertThat(SeedLab.hasVip(lab.h2, VIP)).isFalse();
            context = lab.context();
        }
        // the check's next run (≤ interval), then the higher node's master-down timer: it discards the lower adverts
        double takeBound = INTERVAL + 3 + Seed003TrackScriptTest.skew(103) + SLACK;
        double backBound = INTERVAL + 3 + Seed003TrackScriptTest.skew(104) + SLACK;
        System.out.printf("seed 004 [jkeepalived as %s]: master's check fails → VIP on the backup in %.3f s (bound"
                        + " %.3f s + %.1f s margin); check back → VIP on the master in %.3f s (bound %.3f s + %.1f s"
                        + " margin)%n", jkRole, onBackup - failed, takeBound, LOADED_MARGIN, backOnMaster - recovered,
                backBound, LOADED_MARGIN);
        assertThat(onBackup - failed).as("backup preempts within interval + master-down + 100 ms (+ margin)" + context)
                .isLessThanOrEqualTo(takeBound + LOADED_MARGIN);
        assertThat(backOnMaster - recovered).as("master preempts back within interval + master-down (+ margin)"
                + context).isLessThanOrEqualTo(backBound + LOADED_MARGIN);
    }
}
