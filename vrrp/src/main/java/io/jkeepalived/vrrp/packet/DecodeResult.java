package io.jkeepalived.vrrp.packet;

/** What {@link AdvertDecoder} makes of a received packet: an advert, or the reason it is not one. */
public sealed interface DecodeResult permits ReceivedAdvert, Rejection {
}
