package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;

/** A link or address change notification from the RTMGRP_LINK / RTMGRP_IPV4_IFADDR / RTMGRP_IPV6_IFADDR groups. */
public sealed interface RtnlEvent {
    /** RTM_NEWLINK (added or changed) or RTM_DELLINK ({@code removed}). */
    record LinkChange(boolean removed, Link link) implements RtnlEvent {
    }

    /** RTM_NEWADDR (added or changed) or RTM_DELADDR ({@code removed}). */
    record AddressChange(boolean removed, Address address) implements RtnlEvent {
    }

    /**
     * Decodes a notification; null for message types that are not link or address changes (a monitor may see
     * others, e.g. NLMSG_NOOP), so callers can skip them.
     */
    static RtnlEvent decode(NetlinkMessage message) throws NetlinkFormatException {
        return switch (message.type()) {
            case Rtnetlink.RTM_NEWLINK, Rtnetlink.RTM_DELLINK ->
                    new LinkChange(message.type() == Rtnetlink.RTM_DELLINK, IfInfoMsg.decode(message));
            case Rtnetlink.RTM_NEWADDR, Rtnetlink.RTM_DELADDR ->
                    new AddressChange(message.type() == Rtnetlink.RTM_DELADDR, IfAddrMsg.decode(message));
            default -> null;
        };
    }
}
