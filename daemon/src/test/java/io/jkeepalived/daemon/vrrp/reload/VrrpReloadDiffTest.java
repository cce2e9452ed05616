package io.jkeepalived.daemon.vrrp.reload;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.daemon.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class VrrpReloadDiffTest {
    @TempDir
    Path dir;

    static String instance(String name, int vrid, int priority, String... vips) {
        return "vrrp_instance " + name + " {\n interface eth0\n virtual_router_id " + vrid + "\n priority " + priority
                + "\n advert_int 1\n virtual_ipaddress {\n" + String.join("\n", vips) + "\n }\n}\n";
    }

    KeepalivedConfig load(String text) throws Exception {
        Path d = Files.createTempDirectory(dir, "c");
        return TestConfigs.load(d, text);
    }

    @Test
    void theSameConfigurationChangesNothing() throws Exception {
        String text = instance("VI_KEEP", 51, 100, "198.51.100.10/32") + instance("VI_2", 52, 100, "198.51.100.20/32");
        VrrpReloadDiff d = VrrpReloadDiff.of(load(text), load(text));
        assertThat(d.lines()).isEmpty();
        assertThat(d.instance("VI_KEEP").kind()).isEqualTo(VrrpReloadDiff.Kind.UNCHANGED);
    }

    @Test
    void reordersAndCommentsAreNoChange() throws Exception {
        String a = instance("VI_KEEP", 51, 100, "198.51.100.10/32") + instance("VI_2", 52, 100, "198.51.100.20/32");
        String b = "# a comment\n" + instance("VI_2", 52, 100, "198.51.100.20/32") + "\n\n"
                + instance("VI_KEEP", 51, 100, "198.51.100.10/32");
        assertThat(VrrpReloadDiff.of(load(a), load(b)).lines()).isEmpty();
    }

    @Test
    void oneLinePerChange() throws Exception {
        String a = instance("VI_KEEP", 51, 100, "198.51.100.10/32")
                + instance("VI_2", 52, 100, "198.51.100.20/32", "198.51.100.21/32")
                + instance("VI_OLD", 53, 100, "198.51.100.30/32");
        String b = instance("VI_KEEP", 51, 100, "198.51.100.10/32")
                + instance("VI_2", 52, 150, "198.51.100.20/32", "198.51.100.22/32")
                + instance("VI_NEW", 54, 100, "198.51.100.40/32");
        VrrpReloadDiff d = VrrpReloadDiff.of(load(a), load(b));
        assertThat(d.lines()).containsExactly(
                "VRRP instance VI_OLD removed (its VIPs are released: 198.51.100.30/32)",
                "VRRP instance VI_2: priority 100 -> 150",
                "VRRP instance VI_2: VIP 198.51.100.22/32 added",
                "VRRP instance VI_2: VIP 198.51.100.21/32 removed",
                "VRRP instance VI_NEW added (interface eth0, VRID 54, priority 100, starts in BACKUP,"
                        + " VIPs 198.51.100.40/32)");
        assertThat(d.instance("VI_KEEP").kind()).isEqualTo(VrrpReloadDiff.Kind.UNCHANGED);
        assertThat(d.instance("VI_2").kind()).isEqualTo(VrrpReloadDiff.Kind.CHANGED);
        assertThat(d.instance("VI_2").vipsAdded()).hasSize(1);
        assertThat(d.instance("VI_2").trackingChanged()).isFalse();
    }

    @Test
    void aNewInterfaceOrVridRecreatesTheInstance() throws Exception {
        String a = instance("VI_2", 52, 100, "198.51.100.20/32");
        String b = instance("VI_2", 55, 100, "198.51.100.20/32");
        VrrpReloadDiff d = VrrpReloadDiff.of(load(a), load(b));
        assertThat(d.instance("VI_2").kind()).isEqualTo(VrrpReloadDiff.Kind.RECREATED);
        assertThat(d.lines()).containsExactly("VRRP instance VI_2 re-created (virtual_router_id 52 -> 55):"
                + " it leaves as if removed and starts again in BACKUP");
    }

    @Test
    void trackersAndSyncGroupsAreReplanned() throws Exception {
        String script = "global_defs {\n enable_script_security\n script_user root\n}\nvrrp_script chk {\n script \"/bin/true\"\n interval 1\n}\n";
        String a = script + instance("VI_1", 51, 100, "198.51.100.10/32") + instance("VI_2", 52, 100);
        String b = script.replace("interval 1", "interval 2")
                + instance("VI_1", 51, 100, "198.51.100.10/32").replace(" advert_int 1",
                " advert_int 2\n track_script {\n chk weight 10\n }")
                + instance("VI_2", 52, 100) + "vrrp_sync_group G {\n group {\n VI_2\n }\n}\n";
        VrrpReloadDiff d = VrrpReloadDiff.of(load(a), load(b));
        assertThat(d.lines()).containsExactly(
                "VRRP instance VI_1: advert_int 1 s -> 2 s",
                "VRRP instance VI_1: track_script chk weight 10 added",
                "vrrp_script chk changed",
                "vrrp_sync_group G added");
        assertThat(d.trackerDefinitionsChanged()).isTrue();
        assertThat(d.syncGroupsChanged()).isTrue();
        assertThat(d.instance("VI_1").trackingChanged()).isTrue();
    }
}
