package io.jkeepalived.daemon.systemd;

import io.jkeepalived.netlink.UnixDatagramSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** sd_notify(3) datagrams, received on a socket the test binds as systemd would. */
class SdNotifyTest {
    @TempDir
    Path dir;

    private static String next(UnixDatagramSocket s) throws Exception {
        byte[] b = s.receive(4096, 5000);
        assertThat(b).as("a notification within 5 s").isNotNull();
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void readyReloadingStoppingOnAPathSocket() throws Exception {
        String path = dir.resolve("notify").toString();
        try (UnixDatagramSocket systemd = UnixDatagramSocket.bind(path)) {
            SdNotify n = SdNotify.to(path);
            assertThat(n.enabled()).isTrue();
            assertThat(n.ready("Running 1 subsystem(s)")).isTrue();
            assertThat(next(systemd)).isEqualTo("READY=1\nSTATUS=Running 1 subsystem(s)\nMAINPID=" + ProcessHandle.current().pid());
            assertThat(n.reloading("Reloading\nconfiguration")).isTrue();
            assertThat(next(systemd)).matches("RELOADING=1\nSTATUS=Reloading configuration\nMONOTONIC_USEC=\\d+");
            assertThat(n.stopping("Stopping")).isTrue();
            assertThat(next(systemd)).isEqualTo("STOPPING=1\nSTATUS=Stopping");
            assertThat(n.status("3 instances MASTER")).isTrue();
            assertThat(next(systemd)).isEqualTo("STATUS=3 instances MASTER");
        }
    }

    @Test
    void abstractNamespaceSocket() throws Exception {
        String address = "@jk-ops-notify-" + ProcessHandle.current().pid();
        try (UnixDatagramSocket systemd = UnixDatagramSocket.bind(address)) {
            assertThat(SdNotify.to(address).ready("ok")).isTrue();
            assertThat(next(systemd)).startsWith("READY=1\n");
        }
    }

    @Test
    void withoutNotifySocketNothingIsSentAndFailuresNeverThrow() {
        assertThat(SdNotify.to(null).enabled()).isFalse();
        assertThat(SdNotify.to("").ready("x")).isFalse();
        SdNotify gone = SdNotify.to(dir.resolve("gone").toString());
        assertThat(gone.ready("x")).isFalse();
        assertThat(gone.stopping("x")).isFalse();
        assertThat(SdNotify.to("@" + "x".repeat(200)).ready("x")).isFalse();
    }
}
