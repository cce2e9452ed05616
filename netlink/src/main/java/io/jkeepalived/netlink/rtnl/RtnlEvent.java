package io.jkeepalived.netlink.rtnl;

import io.jkeepalived.netlink.NetlinkFormatException;
import io.jkeepalived.netlink.NetlinkMessage;

/** A link or address change notification from the RTMGRP_LINK / RTMGRP_IPV4_IFADDR / RTMGRP_IPV6_IFADDR groups. */
public sealed interface RtnlEvent {
    /** RTM_NEWLINK (added or changed) or RTM_DELLINK ({@code removed}). */
    record LinkChange(boolean removed, Link link) implements RtnlEvent {
    }

    /**
     * RTM_NEWADDR (added or changed) or RTM_DELADDR ({@code removed}). {@code senderPort} is the header's nlmsg_pid:
     * the kernel sets it to the netlink port id of the socket whose request made the change (0 for changes of its
     * own), which lets a process leave out the changes it made itself.
     */
    record AddressChange(boolean removed, Address address, int senderPort) implements RtnlEvent {
    }

    /**
     * A notification that could not be decoded; the monitor reports it instead of dropping the rest of the
     * datagram, so the caller can log it (and resynchronise with a dump if it matters).
     */
    record Malformed(int type, String reason) implements RtnlEvent {
    }

    /**
     * Decodes a notification; null for messages that are not changes of a link or an address: other types
     * (NLMSG_NOOP), and link messages of family AF_BRIDGE, which describe a bridge port's state (an RTM_DELLINK of
     * that family means "left the bridge", not "link gone").
     */
    static RtnlEvent decode(NetlinkMessage message) throws NetlinkFormatException {
        return switch (message.type()) {
            case Rtnetlink.RTM_NEWLINK, Rtnetlink.RTM_DELLINK -> IfInfoMsg.family(message) != Rtnetlink.AF_UNSPEC
                    ? null
                    : new LinkChange(message.type() == Rtnetlink.RTM_DELLINK, IfInfoMsg.decode(message));
            case Rtnetlink.RTM_NEWADDR, Rtnetlink.RTM_DELADDR ->
                    new AddressChange(message.type() == Rtnetlink.RTM_DELADDR, IfAddrMsg.decode(message),
                            message.header().pid());
            default -> null;
        };
    }
}
