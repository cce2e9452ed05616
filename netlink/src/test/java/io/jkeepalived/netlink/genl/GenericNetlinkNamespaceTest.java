package io.jkeepalived.netlink.genl;

import io.jkeepalived.netlink.NetworkNamespace;
import io.jkeepalived.netlink.SyscallException;
import io.jkeepalived.netlink.TestNamespace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Family lookup against the kernel's controller, from a socket opened in a jk-nl-* namespace. Needs root. */
class GenericNetlinkNamespaceTest {
    @Test
    void resolvesTheControllerAndReportsUnknownFamilies() throws Exception {
        TestNamespace.assumeAvailable();
        try (TestNamespace ns = TestNamespace.create();
             GenericNetlink genl = NetworkNamespace.callIn(ns.name(), GenericNetlink::open)) {
            GenlFamily ctrl = genl.resolveFamily("nlctrl");
            assertThat(ctrl.id()).isEqualTo(CtrlMessages.GENL_ID_CTRL);
            assertThat(ctrl.name()).isEqualTo("nlctrl");
            assertThat(ctrl.multicastGroups()).containsKey("notify");
            // Generic netlink groups are numbered past the 32 bits of nl_groups: joined by setsockopt.
            genl.socket().addMembership(ctrl.multicastGroups().get("notify"));
            genl.socket().dropMembership(ctrl.multicastGroups().get("notify"));
            assertThatThrownBy(() -> genl.resolveFamily("jk-nofamily"))
                    .isInstanceOf(SyscallException.class)
                    .hasMessageStartingWith("CTRL_CMD_GETFAMILY(jk-nofamily, NETLINK_GENERIC): ENOENT (No such file or directory)");
        }
    }
}
