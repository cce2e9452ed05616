package io.jkeepalived.ipvs.reconcile;

import io.jkeepalived.conf.KeepalivedConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroupReloadTest {
    private static String config(String entries) {
        String real = entries.contains(":") ? "2001:db8:1::2" : "203.0.113.2";
        return "virtual_server_group web {\n" + entries + "}\n"
                + """
                virtual_server group web {
                    protocol TCP
                    lvs_sched rr
                    real_server %s 80 {
                    }
                }
                virtual_server 198.51.100.50 80 {
                    protocol TCP
                    real_server 203.0.113.3 80 {
                    }
                }
                """.formatted(real);
    }

    private static List<String> removed(String before, String after) throws Exception {
        KeepalivedConfig a = Configs.load(config(before));
        KeepalivedConfig b = Configs.load(config(after));
        List<String> out = new ArrayList<>();
        for (VirtualServerPlan p : LvsPlanner.plan(a.check(), x -> { })) {
            out.addAll(GroupReload.removed(p, a.check().virtualServerGroups(), b.check().virtualServerGroups()));
        }
        return out;
    }

    private static List<String> added(String before, String after) throws Exception {
        KeepalivedConfig a = Configs.load(config(before));
        KeepalivedConfig b = Configs.load(config(after));
        List<String> out = new ArrayList<>();
        for (VirtualServerPlan p : LvsPlanner.plan(b.check(), x -> { })) {
            out.addAll(GroupReload.added(p, a.check().virtualServerGroups(), b.check().virtualServerGroups()));
        }
        return out;
    }

    @Test
    void entriesGoneAreLoggedInKeepalivedsWordsPerKind() throws Exception {
        String before = " 198.51.100.10 80\n 198.51.100.20-22 8080\n fwmark 9\n fwmark 10\n";
        String after = " 198.51.100.10 80\n fwmark 10\n";
        assertThat(removed(before, after)).containsExactly(
                "VS [[198.51.100.20]:tcp:8080-198.51.100.22] in group web no longer exists",
                "VS [9] in group web no longer exists");
    }

    @Test
    void entriesNewToAGroupThatStaysAreLoggedAsAdded() throws Exception {
        String before = " 198.51.100.10 80\n";
        String after = " 198.51.100.10 80\n 198.51.100.30-31 80\n 198.51.100.40 81\n fwmark 7\n";
        assertThat(added(before, after)).containsExactly(
                "VS [[198.51.100.30]:tcp:80-198.51.100.31] added into group web",
                "VS [[198.51.100.40]:tcp:81] added into group web",
                "VS [FWM 7] added into group web");
    }

    @Test
    void ipv6AddressesAreWrittenAsInetNtopDoes() throws Exception {
        assertThat(removed(" 2001:db8:0:0::5 443\n 2001:db8::10-1f 443\n", " 2001:db8::5 443\n"))
                .containsExactly("VS [[2001:db8::10]:tcp:443-2001:db8::1f] in group web no longer exists");
    }

    @Test
    void aRangeIsOneEntryComparedByItsEndsAndPort() throws Exception {
        // keepalived's vsge_iseq: same first address and port, same last address; a changed end is a new entry
        assertThat(removed(" 198.51.100.20-22 80\n", " 198.51.100.20-23 80\n"))
                .containsExactly("VS [[198.51.100.20]:tcp:80-198.51.100.22] in group web no longer exists");
        assertThat(removed(" 198.51.100.20 80\n", " 198.51.100.20 81\n"))
                .containsExactly("VS [[198.51.100.20]:tcp:80] in group web no longer exists");
        assertThat(removed(" 198.51.100.20 80\n fwmark 3\n", " fwmark 3\n 198.51.100.20 80\n")).isEmpty();
    }
}
