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
 * @param useIpvlan {@code use_ipvlan [IFNAME] [ADDR[/LEN]] [bridge|private|vepa]}
 * @param ipvlanAddress the ipvlan interface's address as written, or null (keepalived also sends from it
 *                  when no unicast_src_ip/mcast_src_ip is given)
 * @param ipvlanMode "bridge", "private" or "vepa", or null (the kernel's default, bridge)
 */
public record VmacSettings(boolean useVmac, String ifName, String mac, boolean xmitBase, boolean useVmacAddr,
                           boolean useIpvlan, String ipvlanAddress, String ipvlanMode) {
    public static VmacSettings none() {
        return new VmacSettings(false, null, null, false, false, false, null, null);
    }
}
