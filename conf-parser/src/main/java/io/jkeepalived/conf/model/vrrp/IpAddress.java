package io.jkeepalived.conf.model.vrrp;

import java.util.List;

/**
 * One address line of {@code virtual_ipaddress}, {@code virtual_ipaddress_excluded} or
 * {@code static_ipaddress}: {@code ADDR[/LEN] [dev IF] [scope S] [brd B] [label L] [peer P] [flags...]}.
 *
 * @param address the address as written (without the prefix length)
 * @param prefix  prefix length (32 or 128 when not written)
 * @param options the remaining words as written, for the engine and the writer
 */
public record IpAddress(String address, int prefix, boolean ipv6, String dev, String scope, String label,
                        List<String> options) {
    public IpAddress {
        options = List.copyOf(options);
    }
}
