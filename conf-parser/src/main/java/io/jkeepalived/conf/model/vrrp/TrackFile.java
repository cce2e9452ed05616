package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

/** A {@code track_file} block as written; its typed fields come with the VRRP engine that acts on it. */
public record TrackFile(Setting source) {
}
