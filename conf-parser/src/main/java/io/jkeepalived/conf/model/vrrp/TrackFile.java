package io.jkeepalived.conf.model.vrrp;

import io.jkeepalived.conf.model.Setting;

/**
 * A {@code track_file} (or the deprecated {@code vrrp_track_file}): a file whose number moves priority.
 * Only blocks with a {@code file} are kept, as keepalived keeps them.
 *
 * @param weight    default weight for the instances tracking it (keepalived's default 1)
 * @param initFile  {@code init_file [VALUE] [overwrite]} was given: create the file at start
 * @param initValue the value written by init_file (default 0)
 * @param overwrite {@code init_file ... overwrite}: write it even if the file exists
 */
public record TrackFile(String name, String file, int weight, boolean reverse, boolean initFile, int initValue,
                        boolean overwrite, Setting source) {
}
