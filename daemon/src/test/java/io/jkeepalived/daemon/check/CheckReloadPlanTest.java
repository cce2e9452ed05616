package io.jkeepalived.daemon.check;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.daemon.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckReloadPlanTest {
    @TempDir
    Path dir;

    private KeepalivedConfig load(String name, String entries) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve(name));
        return TestConfigs.load(dir.resolve(name), "virtual_server_group web {\n" + entries + "}\n" + """
                virtual_server group web {
                    protocol TCP
                    real_server 203.0.113.2 80 {
                    }
                }
                """);
    }

    @Test
    void groupEntriesGoneOrAddedAreInThePlanAndLoggedInKeepalivedsWords() throws Exception {
        KeepalivedConfig a = load("a", " 198.51.100.10 80\n fwmark 9\n");
        KeepalivedConfig b = load("b", " 198.51.100.11 80\n fwmark 9\n");

        assertThat(CheckReloadPlan.lines(a, b)).containsSubsequence(
                "VS [[198.51.100.10]:tcp:80] in group web no longer exists",
                "VS [[198.51.100.11]:tcp:80] added into group web");
        assertThat(CheckReloadPlan.keepalivedLines(a, b)).containsExactly(
                "VS [[198.51.100.10]:tcp:80] in group web no longer exists",
                "VS [[198.51.100.11]:tcp:80] added into group web");
        assertThat(CheckReloadPlan.keepalivedLines(a, a)).isEmpty();
    }
}
