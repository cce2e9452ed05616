package io.jkeepalived.daemon.ops;

/**
 * The run-time switches of keepalived's command line that this package honours.
 *
 * @param releaseVrrp       false with {@code -V/--dont-release-vrrp}: a stop leaves the VIPs, virtual routes/rules
 *                          and VMACs in place and sends no priority-0 advert
 * @param releaseVips       {@code -X/--release-vips}: keepalived releases the VIPs of an instance leaving MASTER even
 *                          when it did not set them in this run (a reload that demotes an instance); jkeepalived
 *                          always does, so the switch is recorded and changes nothing
 * @param releaseIpvs       false with {@code -I/--dont-release-ipvs}: a stop leaves the IPVS table as it is
 * @param addressMonitoring {@code -a/--address-monitoring}: log every address added or removed (see
 *                          {@link AddressMonitor})
 * @param allConfig         {@code -e/--all-config}: a missing configuration or include file is an error (as if every
 *                          {@code include} were {@code includet}), so the daemon does not start and {@code -t} fails
 */
public record OperatorOptions(boolean releaseVrrp, boolean releaseVips, boolean releaseIpvs,
                              boolean addressMonitoring, boolean allConfig) {
    /** keepalived's defaults: everything released, no address log, missing includes only reported. */
    public static final OperatorOptions DEFAULTS = new OperatorOptions(true, false, true, false, false);
}
