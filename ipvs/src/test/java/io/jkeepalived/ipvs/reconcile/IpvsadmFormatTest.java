package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.ipvs.AddressFamily;
import io.jkeepalived.ipvs.ForwardingMethod;
import io.jkeepalived.ipvs.IpvsDestination;
import io.jkeepalived.ipvs.IpvsInfo;
import io.jkeepalived.ipvs.IpvsProtocol;
import io.jkeepalived.ipvs.IpvsService;
import io.jkeepalived.ipvs.IpvsServiceKey;
import io.jkeepalived.ipvs.ServiceFlag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** ipvsadm -Ln's text, byte for byte (its printf formats), sorted as ipvsadm sorts. */
class IpvsadmFormatTest {
    @Test
    void listIsIpvsadmLn() {
        IpvsServiceKey tcp = IpvsServiceKey.of(IpvsProtocol.TCP, LvsPlanner.address("198.51.100.10"), 80);
        IpvsServiceKey udp = IpvsServiceKey.of(IpvsProtocol.UDP, LvsPlanner.address("198.51.100.10"), 53);
        IpvsServiceKey fwm = IpvsServiceKey.fwmark(AddressFamily.INET6, 8);
        List<IpvsService> services = List.of(IpvsService.of(fwm, "lc"), IpvsService.of(udp, "wlc").withPersistence(300, 24),
                IpvsService.of(tcp, "sh").withFlags(Set.of(ServiceFlag.SH_PORT)));
        Map<IpvsServiceKey, List<IpvsDestination>> dests = Map.of(
                tcp, List.of(IpvsDestination.of(LvsPlanner.address("203.0.113.3"), 8080, ForwardingMethod.MASQ).withWeight(5),
                        IpvsDestination.of(LvsPlanner.address("203.0.113.2"), 80, ForwardingMethod.MASQ)),
                fwm, List.of(IpvsDestination.of(LvsPlanner.address("2001:db8::24"), 0, ForwardingMethod.MASQ).withWeight(4)));
        assertThat(IpvsadmFormat.format(new IpvsInfo(0x10201, 4096), services, dests, IpvsadmFormat.View.CONNECTIONS)).isEqualTo("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  198.51.100.10:80 sh (sh-port)
                  -> 203.0.113.2:80               Masq    1      0          0        \s
                  -> 203.0.113.3:8080             Masq    5      0          0        \s
                UDP  198.51.100.10:53 wlc persistent 300 mask 255.255.255.0
                FWM  8 IPv6 lc
                  -> [2001:db8::24]:0             Masq    4      0          0        \s
                """);
    }

    @Test
    void largeCountersAreShortenedAsIpvsadmDoes() {
        assertThat(IpvsadmFormat.human(12345678)).isEqualTo("12345678");
        assertThat(IpvsadmFormat.human(123456789)).isEqualTo("123456K");
    }
}
