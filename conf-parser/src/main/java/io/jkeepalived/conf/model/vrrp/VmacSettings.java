package io.jkeepalived.conf.model.vrrp;

/**
 * {@code use_vmac [IFNAME] [MAC]} / {@code use_ipvlan}: the instance sends from its own macvlan (or ipvlan)
 * interface with the virtual router MAC.
 *
 * @param useVmac   {@code use_vmac} was given
 * @param ifName    the macvlan/ipvlan interface name given, or null (keepalived then names it vrrp.VRID)
 * @param mac       the MAC address given, or null (00:00:5e:00:01:VRID / 00:00:5e:00:02:VRID)
 * @param xmitBase  {@code vmac_xmit_base}: adverts are sent on the base interface
 * @param useVmacAddr {@code use_vmac_addr}
 * @param useIpvlan {@code use_ipvlan}
 */
public record VmacSettings(boolean useVmac, String ifName, String mac, boolean xmitBase, boolean useVmacAddr,
                           boolean useIpvlan) {
    public static VmacSettings none() {
        return new VmacSettings(false, null, null, false, false, false);
    }
}
