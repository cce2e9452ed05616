package io.jkeepalived.netlink;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The native calls' error reporting, with calls that fail the same way for any user and touch no network. */
class NativeCallsTest {
    @Test
    void missingNamespaceNamesOpenAndErrno() {
        assertThatThrownBy(() -> NetworkNamespace.callIn("jk-nl-does-not-exist", () -> 1))
                .isInstanceOf(SyscallException.class)
                .hasMessage("open(/run/netns/jk-nl-does-not-exist): ENOENT (No such file or directory)");
        assertThatThrownBy(() -> NetworkNamespace.callIn("../etc", () -> 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownInterfaceIsEnodev() {
        assertThatThrownBy(() -> Interfaces.indexOf("jk-nl-nothere"))
                .isInstanceOf(SyscallException.class)
                .hasMessage("if_nametoindex(jk-nl-nothere): ENODEV (No such device)");
        assertThatThrownBy(() -> Interfaces.indexOf("a-name-longer-than-15"))
                .isInstanceOf(SyscallException.class)
                .hasMessageContaining("ENODEV");
    }

    @Test
    void loopbackIsIndexOne() throws Exception {
        assertThat(Interfaces.indexOf("lo")).isEqualTo(1);
    }

    @Test
    void closedSocketRefusesIo() throws Exception {
        // Opening a NETLINK_ROUTE socket needs no privilege; nothing is sent.
        NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.Protocol.ROUTE, 0);
        assertThat(s.receive(Duration.ZERO)).isEmpty();
        s.setNonBlocking(true);
        assertThat(s.receive(Duration.ZERO)).isEmpty();
        assertThatThrownBy(() -> s.request(io.jkeepalived.netlink.rtnl.IfInfoMsg.dumpRequest(1), "RTM_GETLINK", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("RTM_GETLINK: a request needs NLM_F_ACK");
        s.close();
        s.close();
        assertThatThrownBy(() -> s.receive(Duration.ZERO)).hasMessage("NETLINK_ROUTE socket is closed");
    }
}
