package io.jkeepalived.daemon.lvs;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SuspendAddressesTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static SuspendAddresses.Change c(int vs, boolean suspended) {
        return new SuspendAddresses.Change(vs, suspended);
    }

    @Test
    void aVirtualServerIsSuspendedWhileItsAddressIsOnNoInterface() throws Exception {
        // VS 0 and 2 share 198.51.100.10; VS 1 has no ha_suspend
        SuspendAddresses a = new SuspendAddresses(Arrays.asList(ip("198.51.100.10"), null, ip("198.51.100.10"), ip("2001:db8::1")));
        assertThat(a.resync(Map.of(ip("2001:db8::1"), Set.of(3)))).containsExactly(c(3, false));
        assertThat(a.suspended(0)).isTrue();
        assertThat(a.suspended(1)).isFalse();
        assertThat(a.suspended(3)).isFalse();
        assertThat(a.added(2, ip("198.51.100.10"))).containsExactly(c(0, false), c(2, false));
        assertThat(a.added(2, ip("198.51.100.10"))).as("an RTM_NEWADDR for a flag change").isEmpty();
        assertThat(a.added(5, ip("198.51.100.10"))).as("a second copy").isEmpty();
        assertThat(a.removed(2, ip("198.51.100.10"))).as("one copy left").isEmpty();
        assertThat(a.removed(5, ip("198.51.100.10"))).containsExactly(c(0, true), c(2, true));
        assertThat(a.removed(5, ip("198.51.100.10"))).isEmpty();
        assertThat(a.added(1, ip("198.51.100.11"))).isEmpty();
        assertThat(a.removed(3, ip("2001:db8::1"))).containsExactly(c(3, true));
    }

    @Test
    void aResyncReportsOnlyWhatChanged() throws Exception {
        SuspendAddresses a = new SuspendAddresses(Arrays.asList(ip("198.51.100.10"), ip("198.51.100.11")));
        assertThat(a.resync(Map.of(ip("198.51.100.10"), Set.of(2)))).containsExactly(c(0, false));
        assertThat(a.resync(Map.of(ip("198.51.100.10"), Set.of(3)))).isEmpty();
        assertThat(a.resync(Map.of(ip("198.51.100.11"), Set.of(3)))).containsExactly(c(0, true), c(1, false));
        assertThat(a.removed(3, ip("198.51.100.11"))).containsExactly(c(1, true));
    }

    @Test
    void noHaSuspendNothingToWatch() throws Exception {
        assertThat(new SuspendAddresses(Arrays.asList(null, null)).isEmpty()).isTrue();
    }
}
