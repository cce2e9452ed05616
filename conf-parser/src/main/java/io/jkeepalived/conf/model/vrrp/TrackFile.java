package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

/**
 * A {@code track_file} (or the deprecated {@code vrrp_track_file}): a file whose number moves priority.
 *
 * @param weight default weight for the instances tracking it (keepalived's default 1)
 */
public record TrackFile(String name, String file, int weight, boolean reverse, Setting source) {
}
