package io.jkeepalived.ipvs;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client on this machine's own kernel, which (on the build host) has no IPVS: opening fails with the hint to load
 * the module. Where IPVS is there (a CI runner with ip_vs), the test is skipped: the kernel-lab suite covers that.
 */
class IpvsClientHostTest {

    @Test
    void aKernelWithoutIpvsGivesAClearError() {
        try (IpvsClient client = IpvsClient.open()) {
            Assumptions.abort("this kernel has IPVS (family id " + client.familyId() + "); covered by IpvsKernelLabTest");
        } catch (IOException e) {
            Assumptions.assumeFalse(e.getMessage() != null && e.getMessage().contains("EPERM"), "generic netlink not permitted here: " + e);
            assertThat(e).isInstanceOf(IpvsException.class)
                    .hasMessageStartingWith("IPVS is not available in this kernel (modprobe ip_vs)");
        }
    }

    @Test
    void keysNameServicesAsIpvsadmDoes() throws Exception {
        assertThat(IpvsServiceKey.of(IpvsProtocol.TCP, InetAddress.getByName("198.51.100.10"), 80)).hasToString("TCP 198.51.100.10:80");
        assertThat(IpvsServiceKey.of(IpvsProtocol.SCTP, InetAddress.getByName("2001:db8:0:0:1:0:0:10"), 9000))
                .hasToString("SCTP [2001:db8::1:0:0:10]:9000");
        assertThat(IpvsServiceKey.of(IpvsProtocol.UDP, InetAddress.getByName("::"), 53)).hasToString("UDP [::]:53");
        assertThat(IpvsServiceKey.fwmark(AddressFamily.INET, -1)).hasToString("FWM 4294967295");
        assertThatThrownBy(() -> IpvsServiceKey.fwmark(AddressFamily.INET, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IpvsServiceKey(AddressFamily.INET6, IpvsProtocol.TCP, InetAddress.getByName("198.51.100.1"), 80, 0))
                .hasMessageContaining("is not an IPv6 address");
        assertThatThrownBy(() -> IpvsService.of(IpvsServiceKey.fwmark(AddressFamily.INET, 1), "a-very-long-name"))
                .hasMessageContaining("1..15 bytes");
    }
}
