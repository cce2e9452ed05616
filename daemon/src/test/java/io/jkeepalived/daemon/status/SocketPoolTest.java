package io.jkeepalived.daemon.status;

import io.jkeepalived.vrrp.fsm.VrrpInstanceConfig;
import io.jkeepalived.vrrp.fsm.VrrpState;
import io.jkeepalived.vrrp.packet.AuthType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SocketPoolTest {
    private static InstanceStatus status(String name) {
        VrrpInstanceConfig c = VrrpInstanceConfig.builder(name, 61).priority(90).build();
        return new InstanceStatus(c, "eth1", "203.0.113.2", null, List.of(), AuthType.NONE, null, List.of(), List.of(),
                VrrpState.BACKUP, 90, 90, null, 100, 3_656_250, 0, 0, false, List.of(),
                new InstanceStatus.Counters(0, 0, 0, 0, 0, 0, Map.of()), 0, null);
    }

    @Test
    void anInstanceRemovedByAReloadLeavesThePoolButItsChannelPeerStays() {
        SocketPool.register(new SocketPool.Entry("SP_gone", 61, 7, 8, "eth1", false, false, false));
        SocketPool.register(new SocketPool.Entry("SP_kept", 62, 7, 8, "eth1", false, false, false));

        SocketPool.remove("SP_gone");

        assertThat(SocketPool.of("SP_gone")).isNull();
        assertThat(SocketPool.of("SP_kept")).isNotNull();
        assertThat(SocketPool.of(List.of(status("SP_gone"), status("SP_kept"))))
                .extracting(SocketPool.Entry::instance).containsExactly("SP_kept");
        SocketPool.remove("SP_kept");
    }

    @Test
    void aRecreatedInstanceRegistersAgainAfterItsRemoval() {
        SocketPool.register(new SocketPool.Entry("SP_again", 63, 9, 10, "eth1", false, false, false));
        SocketPool.remove("SP_again");
        SocketPool.register(new SocketPool.Entry("SP_again", 63, 11, 12, "eth1", false, true, false));

        assertThat(SocketPool.of("SP_again").fdIn()).isEqualTo(11);
        SocketPool.remove("SP_again");
        SocketPool.remove("SP_never"); // unknown: nothing to do
    }
}
