package io.jkeepalived.conf.model.vrrp;

/**
 * Gratuitous ARP / unsolicited NA sending for an instance, with keepalived's inheritance from the global
 * {@code vrrp_garp_*} values applied (and cleared where strict mode forbids repeats).
 *
 * @param masterDelayMicros     {@code garp_master_delay}: second burst this long after becoming master (0 = none)
 * @param masterRepeat          {@code garp_master_repeat}: messages per burst
 * @param masterRefreshMicros   {@code garp_master_refresh}: periodic refresh while master (0 = none)
 * @param masterRefreshRepeat   {@code garp_master_refresh_repeat}
 * @param lowerPrioDelayMicros  {@code garp_lower_prio_delay}: after a lower-priority advert
 * @param lowerPrioRepeat       {@code garp_lower_prio_repeat}: 0 = none sent for a lower-priority advert
 * @param extraIfIntervalSeconds {@code garp_extra_if} (vmac_garp_intvl): resend on the other interfaces; -1 = not set
 * @param extraIfAll            {@code garp_extra_if all}: on all interfaces, not only the base one
 */
public record GarpSettings(long masterDelayMicros, int masterRepeat, long masterRefreshMicros, int masterRefreshRepeat,
                           long lowerPrioDelayMicros, int lowerPrioRepeat, long extraIfIntervalSeconds,
                           boolean extraIfAll) {
}
