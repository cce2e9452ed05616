package io.jkeepalived.vrrp.fsm;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * What the state machine of one {@code vrrp_instance} needs from the configuration, after keepalived's
 * {@code vrrp_complete_instance()} has resolved defaults (global {@code vrrp_garp_*} values copied in, strict mode
 * applied). Field names follow the keepalived keywords.
 *
 * <p>keepalived's consistency rules that only touch these fields are applied here, so the machine never sees a
 * combination keepalived would not run: priority 255 clears {@code nopreempt}; an initial state MASTER clears
 * {@code nopreempt} and {@code preempt_delay}; {@code nopreempt} clears {@code preempt_delay}. Their warnings are
 * the config checker's business, not this record's.
 *
 * @param name                    instance name ({@code vrrp_instance VI_1}); prefixes every log line as {@code (VI_1)}
 * @param virtualRouterId         {@code virtual_router_id}, 1..255
 * @param version                 {@code version} / {@code vrrp_version}, 2 or 3
 * @param priority                {@code priority}, 1..255 (255 = address owner)
 * @param advertIntervalCentis    {@code advert_int} in centiseconds: v2 whole seconds (100..25500), v3 1..4095
 * @param initialState            {@code state}: BACKUP or MASTER (only an address owner starts as master)
 * @param nopreempt               {@code nopreempt}
 * @param preemptDelay            {@code preempt_delay}, zero = none
 * @param downTimerAdverts        {@code down_timer_adverts}, adverts missed before master-down (default 3)
 * @param garpMasterRepeat        {@code garp_master_repeat}: GARP rounds when becoming master (default 5)
 * @param garpMasterDelay         {@code garp_master_delay}: second burst after becoming master (default 5 s; zero = none)
 * @param garpMasterRefresh       {@code garp_master_refresh}: periodic GARPs while master (zero = none, the default)
 * @param garpMasterRefreshRepeat {@code garp_master_refresh_repeat} (default 1)
 * @param garpLowerPrioRepeat     {@code garp_lower_prio_repeat}: GARPs when a lower-priority advert arrives as
 *                                master (default = garp_master_repeat; 0 in strict mode)
 * @param garpLowerPrioDelay      {@code garp_lower_prio_delay}: a second lower-priority burst after this (default
 *                                = garp_master_delay; zero = none)
 * @param lowerPrioNoAdvert       {@code lower_prio_no_advert}: as master, do not answer a lower-priority advert
 * @param higherPrioSendAdvert    {@code higher_prio_send_advert}: as master, send one advert before yielding to
 *                                a higher-priority one
 * @param vrrpStartupDelay        global {@code vrrp_startup_delay}: backup timers run from this long after Start
 *                                (zero = none)
 * @param primaryAddress          the instance's advert source address ({@code mcast_src_ip} or the interface's
 *                                primary address), compared with an advert's source on equal priority; null when
 *                                unknown (keepalived then treats addresses as equal)
 * @param garpExtraIf             {@code garp_extra_if} / {@code vrrp_garp_extra_if} (with {@code all}, and VIPs on
 *                                other interfaces than the instance's): while master, one GARP/NA on each of those
 *                                interfaces this often (zero = none, the default)
 */
public record VrrpInstanceConfig(
        String name,
        int virtualRouterId,
        int version,
        int priority,
        int advertIntervalCentis,
        VrrpState initialState,
        boolean nopreempt,
        Duration preemptDelay,
        int downTimerAdverts,
        int garpMasterRepeat,
        Duration garpMasterDelay,
        Duration garpMasterRefresh,
        int garpMasterRefreshRepeat,
        int garpLowerPrioRepeat,
        Duration garpLowerPrioDelay,
        boolean lowerPrioNoAdvert,
        boolean higherPrioSendAdvert,
        Duration vrrpStartupDelay,
        InetAddress primaryAddress,
        Duration garpExtraIf) {

    /** keepalived's VRRP_PRIO_OWNER: the address owner, which never tracks and starts as master. */
    public static final int PRIORITY_OWNER = 255;

    public VrrpInstanceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(initialState, "initialState");
        Objects.requireNonNull(preemptDelay, "preemptDelay");
        Objects.requireNonNull(garpMasterDelay, "garpMasterDelay");
        Objects.requireNonNull(garpMasterRefresh, "garpMasterRefresh");
        Objects.requireNonNull(garpLowerPrioDelay, "garpLowerPrioDelay");
        Objects.requireNonNull(vrrpStartupDelay, "vrrpStartupDelay");
        Objects.requireNonNull(garpExtraIf, "garpExtraIf");
        require(virtualRouterId >= 1 && virtualRouterId <= 255, "virtual_router_id %d outside 1..255", virtualRouterId);
        require(version == 2 || version == 3, "VRRP version %d is neither 2 nor 3", version);
        require(priority >= 1 && priority <= 255, "priority %d outside 1..255", priority);
        if (version == 2) {
            require(advertIntervalCentis >= 100 && advertIntervalCentis <= 25500 && advertIntervalCentis % 100 == 0,
                    "VRRPv2 advert_int must be whole seconds 1..255, got %d centiseconds", advertIntervalCentis);
        } else {
            require(advertIntervalCentis >= 1 && advertIntervalCentis <= 4095,
                    "VRRPv3 advert_int %d centiseconds outside 1..4095", advertIntervalCentis);
        }
        require(initialState == VrrpState.BACKUP || initialState == VrrpState.MASTER,
                "initial state must be BACKUP or MASTER, got %s", initialState);
        require(downTimerAdverts >= 1 && downTimerAdverts <= 100, "down_timer_adverts %d outside 1..100", downTimerAdverts);
        require(garpMasterRepeat >= 0, "garp_master_repeat %d is negative", garpMasterRepeat);
        require(garpMasterRefreshRepeat >= 0, "garp_master_refresh_repeat %d is negative", garpMasterRefreshRepeat);
        require(garpLowerPrioRepeat >= 0, "garp_lower_prio_repeat %d is negative", garpLowerPrioRepeat);
        requireNotNegative(preemptDelay, "preempt_delay");
        requireNotNegative(garpMasterDelay, "garp_master_delay");
        requireNotNegative(garpMasterRefresh, "garp_master_refresh");
        requireNotNegative(garpLowerPrioDelay, "garp_lower_prio_delay");
        requireNotNegative(vrrpStartupDelay, "vrrp_startup_delay");
        requireNotNegative(garpExtraIf, "garp_extra_if");
        // keepalived's vrrp_complete_instance(): these combinations are reset, not rejected.
        if (priority == PRIORITY_OWNER || initialState == VrrpState.MASTER) {
            nopreempt = false;
        }
        if (initialState == VrrpState.MASTER || nopreempt) {
            preemptDelay = Duration.ZERO;
        }
    }

    /** A builder with keepalived's defaults: v2, priority 100, advert_int 1, state from the priority. */
    public static Builder builder(String name, int virtualRouterId) {
        return new Builder(name, virtualRouterId);
    }

    /** This configuration with another base priority (tests and reloads). */
    public VrrpInstanceConfig withPriority(int newPriority) {
        return new VrrpInstanceConfig(name, virtualRouterId, version, newPriority, advertIntervalCentis,
                initialState, nopreempt, preemptDelay, downTimerAdverts, garpMasterRepeat, garpMasterDelay,
                garpMasterRefresh, garpMasterRefreshRepeat, garpLowerPrioRepeat, garpLowerPrioDelay,
                lowerPrioNoAdvert, higherPrioSendAdvert, vrrpStartupDelay, primaryAddress, garpExtraIf);
    }

    /** This configuration with another {@code garp_extra_if} interval (the daemon works it out from the VIPs). */
    public VrrpInstanceConfig withGarpExtraIf(Duration interval) {
        return new VrrpInstanceConfig(name, virtualRouterId, version, priority, advertIntervalCentis,
                initialState, nopreempt, preemptDelay, downTimerAdverts, garpMasterRepeat, garpMasterDelay,
                garpMasterRefresh, garpMasterRefreshRepeat, garpLowerPrioRepeat, garpLowerPrioDelay,
                lowerPrioNoAdvert, higherPrioSendAdvert, vrrpStartupDelay, primaryAddress, interval);
    }

    private static void require(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }

    private static void requireNotNegative(Duration d, String keyword) {
        require(!d.isNegative(), "%s %s is negative", keyword, d);
    }

    /** Builds a {@link VrrpInstanceConfig}; unset fields take keepalived 2.2.7's defaults. */
    public static final class Builder {
        private final String name;
        private final int virtualRouterId;
        private int version = 2;
        private int priority = 100;
        private int advertIntervalCentis = 100;
        private VrrpState initialState;
        private boolean nopreempt;
        private Duration preemptDelay = Duration.ZERO;
        private int downTimerAdverts = 3;
        private int garpMasterRepeat = 5;
        private Duration garpMasterDelay = Duration.ofSeconds(5);
        private Duration garpMasterRefresh = Duration.ZERO;
        private int garpMasterRefreshRepeat = 1;
        private Integer garpLowerPrioRepeat;
        private Duration garpLowerPrioDelay;
        private boolean lowerPrioNoAdvert;
        private boolean higherPrioSendAdvert;
        private Duration vrrpStartupDelay = Duration.ZERO;
        private InetAddress primaryAddress;
        private Duration garpExtraIf = Duration.ZERO;

        private Builder(String name, int virtualRouterId) {
            this.name = name;
            this.virtualRouterId = virtualRouterId;
        }

        public Builder version(int v) { this.version = v; return this; }
        public Builder priority(int p) { this.priority = p; return this; }
        public Builder advertIntervalCentis(int c) { this.advertIntervalCentis = c; return this; }
        public Builder initialState(VrrpState s) { this.initialState = s; return this; }
        public Builder nopreempt(boolean b) { this.nopreempt = b; return this; }
        public Builder preemptDelay(Duration d) { this.preemptDelay = d; return this; }
        public Builder downTimerAdverts(int n) { this.downTimerAdverts = n; return this; }
        public Builder garpMasterRepeat(int n) { this.garpMasterRepeat = n; return this; }
        public Builder garpMasterDelay(Duration d) { this.garpMasterDelay = d; return this; }
        public Builder garpMasterRefresh(Duration d) { this.garpMasterRefresh = d; return this; }
        public Builder garpMasterRefreshRepeat(int n) { this.garpMasterRefreshRepeat = n; return this; }
        public Builder garpLowerPrioRepeat(int n) { this.garpLowerPrioRepeat = n; return this; }
        public Builder garpLowerPrioDelay(Duration d) { this.garpLowerPrioDelay = d; return this; }
        public Builder lowerPrioNoAdvert(boolean b) { this.lowerPrioNoAdvert = b; return this; }
        public Builder higherPrioSendAdvert(boolean b) { this.higherPrioSendAdvert = b; return this; }
        public Builder vrrpStartupDelay(Duration d) { this.vrrpStartupDelay = d; return this; }
        public Builder primaryAddress(InetAddress a) { this.primaryAddress = a; return this; }
        public Builder garpExtraIf(Duration d) { this.garpExtraIf = d; return this; }

        /**
         * Builds the record. Like keepalived, an unset state is MASTER for priority 255 and BACKUP otherwise, and
         * the lower-priority GARP settings default to the master ones (keepalived copies vrrp_garp_master_* into
         * vrrp_garp_lower_prio_* when those are unset).
         */
        public VrrpInstanceConfig build() {
            VrrpState state = initialState != null ? initialState
                    : priority == PRIORITY_OWNER ? VrrpState.MASTER : VrrpState.BACKUP;
            return new VrrpInstanceConfig(name, virtualRouterId, version, priority, advertIntervalCentis, state,
                    nopreempt, preemptDelay, downTimerAdverts, garpMasterRepeat, garpMasterDelay, garpMasterRefresh,
                    garpMasterRefreshRepeat, garpLowerPrioRepeat != null ? garpLowerPrioRepeat : garpMasterRepeat,
                    garpLowerPrioDelay != null ? garpLowerPrioDelay : garpMasterDelay, lowerPrioNoAdvert,
                    higherPrioSendAdvert, vrrpStartupDelay, primaryAddress, garpExtraIf);
        }
    }
}
