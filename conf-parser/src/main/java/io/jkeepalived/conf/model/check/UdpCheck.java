package io.jkeepalived.conf.model.check;

/**
 * {@code UDP_CHECK}: a datagram is sent (payload, upper-case hex, null: empty) and, with requireReply,
 * a reply of minReplyLength..maxReplyLength octets must come back, matching reply (hex with X
 * wildcard nibbles) when given.
 */
public record UdpCheck(CheckerTiming timing, ConnectionOptions connection, String payload, boolean requireReply,
                       String reply, int minReplyLength, int maxReplyLength) implements Checker {
    @Override
    public String keyword() {
        return "UDP_CHECK";
    }
}
