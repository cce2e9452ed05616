package io.jkeepalived.conf.vrrp;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.LoadResult;
import io.jkeepalived.conf.TestMachine;
import io.jkeepalived.conf.model.vrrp.VrrpInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dynamic_interfaces}: keepalived 2.2.7 accepts an instance (and its VIPs) on an interface that does not
 * exist yet and runs it in FAULT until the interface is created ({@code keepalived -t} exits 0 and says nothing);
 * without it, the same configuration is an error (exit 5, "WARNING - interface eth9 ... doesn't exist").
 */
class DynamicInterfacesTest {
    @TempDir
    Path dir;

    private static final String INSTANCE = """
            vrrp_instance VI_2 {
                interface eth9
                virtual_router_id 52
                virtual_ipaddress {
                    198.51.100.101/24 dev eth9
                }
            }
            """;

    private LoadResult load(String text) throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, true, TestMachine.INSTANCE, null));
    }

    @Test
    void aMissingInterfaceIsAcceptedWithDynamicInterfaces() throws IOException {
        LoadResult r = load("global_defs {\n    dynamic_interfaces\n}\n" + INSTANCE);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.exitCode()).isZero();
        VrrpInstance i = r.config().vrrp().instances().get(0);
        assertThat(i.interfaceName()).isEqualTo("eth9");
        assertThat(i.virtualIpAddresses()).hasSize(1);
    }

    @Test
    void withoutItTheInterfaceMustExist() throws IOException {
        LoadResult r = load(INSTANCE);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.diagnostics().toString()).contains("WARNING - interface eth9 for vrrp_instance VI_2 doesn't exist");
    }
}
