package io.jkeepalived.conf.model.check;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/**
 * A {@code virtual_server}: how it is addressed ({@code IP PORT}, {@code fwmark N} or {@code group NAME})
 * and its real servers; every line as written is in {@code source}.
 */
public record VirtualServer(List<String> address, List<RealServer> realServers, Setting source) {
    public VirtualServer {
        address = List.copyOf(address);
        realServers = List.copyOf(realServers);
    }
}
