package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.TcpCheck;
import io.jkeepalived.healthcheck.tcp.TcpProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CheckerEngine#reload} with a fake TCP_CHECK probe (no network): real servers that stay keep their state
 * (a down one stays down, an alpha one that came up is not sent through alpha again), new ones start as at start,
 * the verdicts after the reload carry the new configuration's records, and removed ones publish nothing more.
 */
class CheckerEngineReloadTest {
    private static final Map<String, Boolean> HEALTHY = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    @AfterEach
    void restoreTheRealProbe() {
        Probes.register(TcpCheck.class, TcpProbe::new);
        HEALTHY.clear();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    private static String config(String delayLoop, String... servers) {
        StringBuilder b = new StringBuilder("virtual_server 198.51.100.1 80 {\n protocol TCP\n delay_loop ").append(delayLoop).append('\n');
        for (String s : servers) {
            b.append(s);
        }
        return b.append("}\n").toString();
    }

    private static final String RS10 = " real_server 198.51.100.10 80 {\n  TCP_CHECK {\n   retry 0\n   warmup 0\n  }\n }\n";
    private static final String RS11 = " real_server 198.51.100.11 80 {\n  alpha\n  TCP_CHECK {\n   retry 0\n   warmup 0\n  }\n }\n";
    private static final String RS12 = " real_server 198.51.100.12 80 {\n  alpha\n  TCP_CHECK {\n   retry 0\n   warmup 0\n  }\n }\n";

    @Test
    void realServersThatStayKeepTheirStateAndNewOnesStartFresh() throws Exception {
        Probes.register(TcpCheck.class, (check, target) -> (ctx, done) -> {
            String ip = target.connect().getAddress().getHostAddress();
            ctx.blocking().execute(() -> done.accept(HEALTHY.getOrDefault(ip, true) ? ProbeResult.ok()
                    : ProbeResult.failed("TCP connection to " + target.realServer() + " failed.")));
        });
        KeepalivedConfig a = HcConfigs.load(dir, config("0.1", RS10, RS11));
        List<RealServerVerdict> verdicts = new CopyOnWriteArrayList<>();
        HEALTHY.put("198.51.100.10", false);
        HEALTHY.put("198.51.100.12", false);
        CheckerEngine engine = CheckerEngine.start(a, System::nanoTime, verdicts::add, new CheckerEngine.Options(2, w -> 0, false));
        try {
            await(".10 down", () -> last(verdicts, "198.51.100.10") == Boolean.FALSE);
            await(".11 up after its first success", () -> last(verdicts, "198.51.100.11") == Boolean.TRUE);
            long checksOf11 = engine.status().get(1).checkers().get(0).checks();

            // the virtual server's delay_loop changes (timing: the checkers stay), .12 is new
            KeepalivedConfig b = HcConfigs.load(dir, config("0.2", RS10, RS11, RS12));
            int mark = verdicts.size();
            engine.reload(b);
            engine.awaitPublished();
            List<RealServerVerdict> after = new ArrayList<>(verdicts.subList(mark, verdicts.size()));
            assertThat(after).extracting(v -> v.realServer().address() + "=" + v.up())
                    .containsExactlyInAnyOrder("198.51.100.10=false", "198.51.100.11=true", "198.51.100.12=false");
            List<RealServer> bServers = b.check().virtualServers().get(0).realServers();
            assertThat(after).allMatch(v -> bServers.stream().anyMatch(rs -> rs == v.realServer()), "records of the new configuration");
            assertThat(engine.status()).hasSize(3);
            assertThat(engine.status().get(1).checkers().get(0).checks()).as("counters carried").isGreaterThanOrEqualTo(checksOf11);

            // .12 comes up once healthy; .10 once healthy: the machines run on
            HEALTHY.put("198.51.100.12", true);
            HEALTHY.put("198.51.100.10", true);
            await(".12 up", () -> last(verdicts, "198.51.100.12") == Boolean.TRUE);
            await(".10 up", () -> last(verdicts, "198.51.100.10") == Boolean.TRUE);

            // .11 goes: nothing more of it is published
            KeepalivedConfig c = HcConfigs.load(dir, config("0.1", RS10, RS12));
            engine.reload(c);
            engine.awaitPublished();
            int n = verdicts.size();
            HEALTHY.put("198.51.100.11", false);
            Thread.sleep(600);
            assertThat(verdicts.subList(n, verdicts.size())).noneMatch(v -> v.realServer().address().equals("198.51.100.11"));
            assertThat(engine.status()).extracting(RealServerStatus::name)
                    .containsExactly("[198.51.100.10]:tcp:80", "[198.51.100.12]:tcp:80");
        } finally {
            engine.close();
        }
    }

    private static Boolean last(List<RealServerVerdict> verdicts, String address) {
        Boolean up = null;
        for (RealServerVerdict v : verdicts) {
            if (v.realServer().address().equals(address)) {
                up = v.up();
            }
        }
        return up;
    }
}
