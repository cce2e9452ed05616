package io.jkeepalived.vrrp.packet;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * An advert that passed every check.
 *
 * @param envelope    the IPv4 header fields or IPv6 addressing it came with
 * @param ahSequence  the AH sequence number when it came with {@code auth_type AH} (the master needs it to sync)
 */
public record ReceivedAdvert(Advert advert, Envelope envelope, OptionalLong ahSequence) implements DecodeResult {
    public ReceivedAdvert {
        Objects.requireNonNull(advert, "advert");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(ahSequence, "ahSequence");
    }
}
