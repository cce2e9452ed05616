package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.model.vrrp.GarpGroup;
import io.jkeepalived.vrrp.garp.GarpPacer;

import java.util.function.LongSupplier;

/**
 * Sets up the {@link GarpPacer} from the configuration as keepalived does at start: every usable
 * {@code garp_group} first (its interfaces share one spacing), then the global {@code vrrp_garp_interval} /
 * {@code vrrp_gna_interval} for each other interface ({@code set_default_garp_delay()}). Pure.
 */
final class GarpPacing {
    private GarpPacing() {
    }

    static GarpPacer pacer(KeepalivedConfig config, LongSupplier nanoClock) {
        GarpPacer pacer = new GarpPacer(nanoClock);
        for (GarpGroup g : config.vrrp().garpGroups()) {
            if (g.usable()) {
                pacer.group(g.interfaces(), nanos(g.garpIntervalMicros()), nanos(g.gnaIntervalMicros()));
            }
        }
        GlobalDefs.GarpDefaults d = config.global().garp();
        pacer.defaults(nanos(d.garpIntervalMicros()), nanos(d.gnaIntervalMicros()));
        return pacer;
    }

    /** Microseconds to nanoseconds; negative (not set) stays negative. */
    private static long nanos(long micros) {
        return micros < 0 ? -1 : micros * 1000;
    }
}
