package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

import java.util.List;

/**
 * A {@code static_routes} block: routes set at start whatever the VRRP state (the lines keepalived
 * accepts, typed), and the block as written.
 */
public record StaticRoute(List<Route> routes, Setting source) {
    public StaticRoute {
        routes = List.copyOf(routes);
    }
}
