package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/**
 * A {@code garp_group} block: the minimum spacing of gratuitous ARPs / unsolicited NAs on a set of
 * interfaces. keepalived drops a group with neither interval set ({@code usable} false).
 *
 * @param garpIntervalMicros {@code garp_interval}, microseconds; -1 = not set
 * @param gnaIntervalMicros  {@code gna_interval}, microseconds; -1 = not set
 * @param interfaces         {@code interface IF} and the {@code interfaces { ... }} block, in order
 */
public record GarpGroup(long garpIntervalMicros, long gnaIntervalMicros, List<String> interfaces, Setting source) {
    public GarpGroup {
        interfaces = List.copyOf(interfaces);
    }

    public boolean usable() {
        return garpIntervalMicros >= 0 || gnaIntervalMicros >= 0;
    }
}
