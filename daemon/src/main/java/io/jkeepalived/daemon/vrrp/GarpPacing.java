package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.model.GlobalDefs;
import io.jkeepalived.conf.model.Setting;
import io.jkeepalived.conf.model.vrrp.GarpGroup;
import io.jkeepalived.conf.model.vrrp.GarpSettings;
import io.jkeepalived.vrrp.garp.GarpPacer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The run-time GARP settings that need more than one instance's block: the {@link GarpPacer} (every usable
 * {@code garp_group} first, its interfaces sharing one spacing, then the global {@code vrrp_garp_interval} /
 * {@code vrrp_gna_interval} for each other interface, as keepalived's {@code set_default_garp_delay()}), and the
 * {@code garp_extra_if} interval, which depends on the global default and on where the VIPs are. Pure.
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

    /**
     * {@code plan} with its {@code garp_extra_if} interval: the instance's value, or {@code vrrp_garp_extra_if}'s
     * when the instance sets none. As keepalived without a VMAC, it only applies with {@code all} and when some VIP
     * lives on an interface other than the instance's (otherwise keepalived turns it off).
     */
    static InstancePlan withExtraIf(InstancePlan plan, GarpSettings garp, GlobalDefs global) {
        long seconds = garp.extraIfIntervalSeconds();
        boolean all = garp.extraIfAll();
        if (seconds == -1) {
            ExtraIf g = globalExtraIf(global.settings());
            seconds = g.seconds();
            all |= g.all();
        }
        boolean otherInterface = plan.allVips().stream().anyMatch(v -> !v.dev().equals(plan.interfaceName()));
        if (seconds <= 0 || !all || !otherInterface) {
            return plan;
        }
        return new InstancePlan(plan.name(), plan.interfaceName(), plan.ipv6(),
                plan.fsm().withGarpExtraIf(Duration.ofSeconds(seconds)), plan.expectation(), plan.authType(),
                plan.authData(), plan.advertInterval(), plan.vips(), plan.excludedVips(), plan.multicastGroup(),
                plan.unicastSource(), plan.unicastPeers());
    }

    /** {@code vrrp_garp_extra_if [all] SECONDS} (or the deprecated {@code vrrp_vmac_garp_intvl}) of global_defs. */
    record ExtraIf(long seconds, boolean all) {
    }

    /**
     * keepalived's global handler: {@code all} counts even on a line whose time is then rejected; a time outside
     * 1..86400 drops the line's time, a line without a time is ignored; the last good line wins.
     */
    static ExtraIf globalExtraIf(List<Setting> settings) {
        List<Setting> lines = new ArrayList<>();
        for (Setting s : settings) {
            if (s.keyword().equals("global_defs")) {
                lines.addAll(s.children());
            } else {
                lines.add(s);
            }
        }
        long seconds = 0;
        boolean all = false;
        for (Setting s : lines) {
            if (!s.keyword().equals("vrrp_garp_extra_if") && !s.keyword().equals("vrrp_vmac_garp_intvl")) {
                continue;
            }
            long delay = 0;
            boolean bad = false;
            for (String w : s.args()) {
                if (w.equals("all")) {
                    all = true;
                } else if (w.matches("[0-9]{1,6}") && Long.parseLong(w) >= 1 && Long.parseLong(w) <= 86_400) {
                    delay = Long.parseLong(w);
                } else {
                    bad = true;
                    break;
                }
            }
            if (!bad && delay > 0) {
                seconds = delay;
            }
        }
        return new ExtraIf(seconds, all);
    }

    /** Microseconds to nanoseconds; negative (not set) stays negative. */
    private static long nanos(long micros) {
        return micros < 0 ? -1 : micros * 1000;
    }
}
