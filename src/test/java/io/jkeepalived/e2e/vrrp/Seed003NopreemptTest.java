package io.jkeepalived.e2e.vrrp;

import io.jkeepalived.e2e.vrrp.Director.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 003's nopreempt pair, configured as the article says ("both nodes state BACKUP, both nopreempt, one priority
 * higher"): its lb01 and lb02 configs with {@code state BACKUP} and {@code nopreempt} added, priorities 150 and 100
 * (lb01 keeps its passing {@code isalive} check). lb01 comes up first and takes the VIP; lb02 joins as backup; lb01
 * restarts (SIGTERM, as {@code systemctl restart}: priority 0, lb02 takes over) and comes back as BACKUP — and, with
 * nopreempt, leaves the VIP on lb02 although its priority is higher. Both roles against keepalived 2.2.7.
 * {@link VrrpPreemptionTest} covers nopreempt on one side only, in VRRPv3 without a restart.
 */
class Seed003NopreemptTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needs() {
        VrrpInteropTest.needs();
    }

    static String nopreempt(String seedConfig, String state) {
        String c = seedConfig.replace("state " + state, "state BACKUP\nnopreempt");
        assertThat(c).as("the seed's state line").isNotEqualTo(seedConfig);
        return c;
    }

    @ParameterizedTest(name = "jkeepalived as {0}")
    @EnumSource(Seed003TrackScriptTest.Role.class)
    void lowerPriorityKeepsTheVipAfterTheHigherOneRestarts(Seed003TrackScriptTest.Role jkRole) throws Exception {
        Path flag = dir.resolve("nginx-alive");
        Files.writeString(flag, "up\n");
        Path script = Seed003TrackScriptTest.checkScript(dir, flag);
        String lb01 = nopreempt(Seed003TrackScriptTest.lb01(script), "MASTER");
        String lb02 = nopreempt(Seed003TrackScriptTest.lb02(), "BACKUP");
        Kind k1 = jkRole == Seed003TrackScriptTest.Role.LB01 ? Kind.JKEEPALIVED : Kind.KEEPALIVED;
        Kind k2 = jkRole == Seed003TrackScriptTest.Role.LB01 ? Kind.KEEPALIVED : Kind.JKEEPALIVED;
        String vip = Seed003TrackScriptTest.VIP;
        try (SeedLab lab = new SeedLab("s3n", dir, k1, "198.51.100.5", k2, "198.51.100.6")) {
            lab.lb01.start(lb01);
            assertThat(lab.lb01.awaitLog("(VI_1) Entering MASTER STATE", 20_000))
                    .as("lb01 alone becomes master after master-down" + lab.context()).isTrue();
            lab.lb02.start(lb02);
            assertThat(lab.lb02.awaitLog("(VI_1) Entering BACKUP STATE", 20_000))
                    .as("lb02 starts as backup" + lab.context()).isTrue();
            Thread.sleep(2_000);
            assertThat(SeedLab.hasVip(lab.h1, vip)).as("VIP on lb01" + lab.context()).isTrue();
            assertThat(lab.lb02.log()).as("lb02 stays backup").doesNotContain("Entering MASTER STATE");

            // systemctl restart keepalived on lb01
            double stopped = SeedLab.now();
            lab.lb01.signal("TERM");
            assertThat(lab.lb01.awaitExit(10_000)).as("lb01 stops" + lab.context()).isTrue();
            assertThat(lab.awaitVipEvent(2, vip, true, stopped, 5_000)).as("lb02 takes over" + lab.context())
                    .isPositive();
            double restarted = SeedLab.now();
            lab.lb01.start(lb01);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (count(lab.lb01.log(), "(VI_1) Entering BACKUP STATE") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(count(lab.lb01.log(), "(VI_1) Entering BACKUP STATE")).as("lb01 is back, as BACKUP"
                    + lab.context()).isEqualTo(2);
            // 3 × master-down of lb01 (3 × advert_int + skew(150)): ample time to preempt, were it allowed
            Thread.sleep((long) (3 * (3 + Seed003TrackScriptTest.skew(150)) * 1000));
            String context = lab.context();
            assertThat(count(lab.lb01.log(), "(VI_1) Entering MASTER STATE")).as("lb01 became master once only"
                    + context).isEqualTo(1);
            assertThat(lab.awaitVipEvent(1, vip, true, restarted, 0)).as("the VIP never came back to lb01" + context)
                    .isNegative();
            assertThat(lab.awaitVipEvent(2, vip, false, restarted, 0)).as("lb02 never gave it up" + context)
                    .isNegative();
            assertThat(SeedLab.hasVip(lab.h2, vip)).as("lb02 holds the VIP" + context).isTrue();
            assertThat(SeedLab.hasVip(lab.h1, vip)).as("lb01 does not" + context).isFalse();
            System.out.printf("seed 003 nopreempt [jkeepalived as %s]: after lb01 (150) restarts, lb02 (100) keeps"
                    + " the VIP%n", jkRole);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
