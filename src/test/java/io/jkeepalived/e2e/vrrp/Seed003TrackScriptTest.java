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
 * Seed 003 (Nginx + Keepalived, cnblogs zzzwqh/p/13058208) with its configs exactly as the article writes them,
 * comments included: lb01 is MASTER, priority 150, with {@code vrrp_script isalive} (interval 5; fall 1, rise 1,
 * weight 0 by default) tracked; lb02 is BACKUP, priority 100; VRID 50, advert_int 1, PASS 1111. Only the addresses
 * are translated (10.0.0.3 → 198.51.100.3 for the VIP, lb01 10.0.0.5 → .5, lb02 → .6) and the nginx check is a
 * script testing a flag file. Both roles against Debian's keepalived 2.2.7: jkeepalived as lb01 and as lb02.
 * <p>
 * The flag goes → the check fails at its next run (at most {@code interval × fall} = 5 s), lb01 enters FAULT and
 * sends priority 0, lb02 takes over after its skew time (156/256 s): the VIP appears on lb02 within
 * interval × fall + skew + 100 ms of the removal, measured from the removal to the kernel's address event on lb02.
 * The flag comes back → the check succeeds at its next run (rise 1), lb01 returns to BACKUP and, as the seed keeps
 * keepalived's default preempt, takes the VIP back after master-down (3 × advert_int + skew(150)).
 */
class Seed003TrackScriptTest {
    static final String VIP = "198.51.100.3";
    static final double INTERVAL = 5;
    static final int FALL = 1;
    static final int RISE = 1;
    static final double SLACK = 0.100;
    /**
     * On top of keepalived's own bound: 0.5 s. This 2-core machine runs up to 8 helpers' builds and namespace tests
     * at once (load 5–15); forking the check script through {@code /bin/sh}, a JVM safepoint or GC pause in
     * jkeepalived, and the scheduling of keepalived's and the address monitor's processes each lose tens to a few
     * hundred ms there. Measured numbers are printed, so a regression within the margin is still visible.
     */
    static final double LOADED_MARGIN = 0.5;

    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        VrrpInteropTest.needs();
    }

    static double skew(int priority) {
        return (256 - priority) / 256.0;
    }

    /** lb01 of the seed (the check script's path is the only change besides the VIP). */
    static String lb01(Path script) {
        return """
                global_defs { #全局配置
                router_id lb01 #标识身份->名称
                }
                vrrp_script isalive {
                script "%s"
                interval 5
                }
                vrrp_instance VI_1 {
                state MASTER #标识角色状态
                interface eth0 #网卡绑定接口
                virtual_router_id 50 #虚拟路由id
                priority 150 #优先级
                advert_int 1 #监测间隔时间
                authentication { #认证
                auth_type PASS #认证方式
                auth_pass 1111 #认证密码
                }
                virtual_ipaddress {
                198.51.100.3 #虚拟的VIP地址
                }
                track_script {
                isalive
                }
                }
                """.formatted(script);
    }

    /** lb02 of the seed. */
    static String lb02() {
        return """
                global_defs {
                router_id lb02
                }
                vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 50
                priority 100
                advert_int 1
                authentication {
                auth_type PASS
                auth_pass 1111
                }
                virtual_ipaddress {
                198.51.100.3
                }
                }
                """;
    }

    /** The seed's /script/nginx_keep.sh, standing in for "is nginx running" with "is the flag there". */
    static Path checkScript(Path dir, Path flag) throws Exception {
        Path script = dir.resolve("nginx_keep.sh");
        Files.writeString(script, "#!/bin/sh\n# nginx is alive while the flag file exists\ntest -f " + flag + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @ParameterizedTest(name = "jkeepalived as {0}")
    @EnumSource(names = {"LB01", "LB02"})
    void failingNginxCheckMovesTheVipToTheBackupAndBack(Role jkRole) throws Exception {
        Path flag = dir.resolve("nginx-alive");
        Files.writeString(flag, "up\n");
        Path script = checkScript(dir, flag);
        Kind k1 = jkRole == Role.LB01 ? Kind.JKEEPALIVED : Kind.KEEPALIVED;
        Kind k2 = jkRole == Role.LB01 ? Kind.KEEPALIVED : Kind.JKEEPALIVED;
        double removed;
        double onBackup;
        double restored;
        double backOnMaster;
        String context;
        try (SeedLab lab = new SeedLab("s3", dir, k1, "198.51.100.5", k2, "198.51.100.6")) {
            lab.lb01.start(lb01(script));
            assertThat(lab.lb01.awaitLog("(VI_1) Entering MASTER STATE", 20_000))
                    .as("lb01 becomes master" + lab.context()).isTrue();
            lab.lb02.start(lb02());
            assertThat(lab.lb02.awaitLog("(VI_1) Entering BACKUP STATE", 20_000))
                    .as("lb02 starts as backup" + lab.context()).isTrue();
            Thread.sleep(2_000);
            assertThat(SeedLab.hasVip(lab.h1, VIP)).as("VIP on lb01" + lab.context()).isTrue();
            assertThat(SeedLab.hasVip(lab.h2, VIP)).as("no VIP on lb02" + lab.context()).isFalse();

            removed = SeedLab.now();
            Files.delete(flag);
            onBackup = lab.awaitVipEvent(2, VIP, true, removed, 15_000);
            assertThat(onBackup).as("the VIP appears on lb02" + lab.context()).isPositive();
            assertThat(lab.lb01.awaitLog("(VI_1) Entering FAULT STATE", 2_000))
                    .as("lb01 is in FAULT" + lab.context()).isTrue();
            assertThat(lab.awaitVipEvent(1, VIP, false, removed, 2_000)).as("the VIP leaves lb01" + lab.context())
                    .isPositive();

            restored = SeedLab.now();
            Files.writeString(flag, "up\n");
            backOnMaster = lab.awaitVipEvent(1, VIP, true, restored, 20_000);
            assertThat(backOnMaster).as("the VIP comes back to lb01 (preempt)" + lab.context()).isPositive();
            assertThat(lab.awaitVipEvent(2, VIP, false, restored, 3_000)).as("lb02 gives it up" + lab.context())
                    .isPositive();
            assertThat(lab.lb02.awaitLog("(VI_1) Entering BACKUP STATE", 3_000)).isTrue();
            Thread.sleep(1_000);
            assertThat(SeedLab.hasVip(lab.h1, VIP)).isTrue();
            assertThat(SeedLab.hasVip(lab.h2, VIP)).isFalse();
            context = lab.context();
        }
        double failoverBound = INTERVAL * FALL + skew(100) + SLACK;
        double comebackBound = INTERVAL * RISE + 3 * 1 + skew(150) + SLACK;
        System.out.printf("seed 003 [jkeepalived as %s]: flag removed → VIP on lb02 in %.3f s (bound %.3f s + %.1f s"
                        + " margin); flag back → VIP on lb01 in %.3f s (bound %.3f s + %.1f s margin)%n", jkRole,
                onBackup - removed, failoverBound, LOADED_MARGIN, backOnMaster - restored, comebackBound, LOADED_MARGIN);
        assertThat(onBackup - removed).as("failover within interval × fall + skew + 100 ms (+ margin)" + context)
                .isLessThanOrEqualTo(failoverBound + LOADED_MARGIN);
        assertThat(backOnMaster - restored).as("comeback within interval × rise + master-down + 100 ms (+ margin)"
                + context).isLessThanOrEqualTo(comebackBound + LOADED_MARGIN);
    }

    enum Role {
        LB01, LB02
    }
}
