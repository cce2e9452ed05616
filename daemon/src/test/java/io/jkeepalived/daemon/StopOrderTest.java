package io.jkeepalived.daemon;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** VRRP stops first (priority 0, VIPs released) so a backup takes over before the checkers empty IPVS. */
class StopOrderTest {
    private static Subsystem fake(String name, List<String> stopped, boolean throwing) {
        return new Subsystem() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
            }

            @Override
            public void stop() {
                stopped.add(name);
                if (throwing) {
                    throw new IllegalStateException("boom");
                }
            }
        };
    }

    @Test
    void vrrpStopsBeforeTheHealthcheckSubsystemWhateverTheStartOrder() {
        List<String> stopped = new ArrayList<>();
        StopOrder.stopAll(List.of(fake("VRRP", stopped, false), fake("Healthcheck", stopped, false)));
        assertThat(stopped).containsExactly("VRRP", "Healthcheck");

        stopped.clear();
        StopOrder.stopAll(List.of(fake("Healthcheck", stopped, false), fake("VRRP", stopped, false)));
        assertThat(stopped).containsExactly("VRRP", "Healthcheck");
    }

    @Test
    void theOthersStopInReverseStartOrderAndAFailureStopsNobodyElse() {
        List<String> stopped = new ArrayList<>();
        StopOrder.stopAll(List.of(fake("VRRP", stopped, true), fake("Healthcheck", stopped, false),
                fake("BFD", stopped, false)));
        assertThat(stopped).containsExactly("VRRP", "BFD", "Healthcheck");
    }

    @Test
    void aloneOrNone() {
        List<String> stopped = new ArrayList<>();
        StopOrder.stopAll(List.of(fake("Healthcheck", stopped, false)));
        StopOrder.stopAll(List.of());
        assertThat(stopped).containsExactly("Healthcheck");
    }
}
