package io.jkeepalived.healthcheck.udp;

import io.jkeepalived.conf.model.check.UdpCheck;
import io.jkeepalived.healthcheck.Probe;
import io.jkeepalived.healthcheck.ProbeContext;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * {@code UDP_CHECK} (keepalived's check_udp.c): one datagram with {@code payload} to the real server over a
 * connected socket. An ICMP error fails the attempt. Without {@code require_reply} silence until connect_timeout
 * is success; with it a reply must come, and when {@code reply} is set it must pass {@link UdpReplyPattern}.
 */
public final class UdpProbe implements Probe {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.check");
    private final ProbeTarget target;
    private final byte[] payload;
    private final boolean requireReply;
    private final UdpReplyPattern reply;

    public UdpProbe(UdpCheck check, ProbeTarget target) {
        this.target = target;
        this.payload = check.payload() == null ? new byte[0] : UdpReplyPattern.octets(check.payload());
        this.requireReply = check.requireReply();
        // keepalived only judges the reply's length and octets when reply data is configured
        this.reply = check.reply() == null ? null
                : UdpReplyPattern.of(check.reply(), check.minReplyLength(), check.maxReplyLength());
    }

    @Override
    public void start(ProbeContext ctx, Consumer<ProbeResult> done) {
        ProbeResult failed = ProbeResult.failed("UDP connection to " + target.realServer() + " failed.");
        DatagramExchange.run(ctx, payload,
                bytes -> reply == null || reply.matches(bytes) ? ProbeResult.ok()
                        : ProbeResult.failed("UDP check to " + target.realServer() + " reply data mismatch."),
                requireReply ? failed : ProbeResult.ok(),
                cause -> {
                    LOG.debug("UDP connection to {}: {}", target.realServer(), cause.toString());
                    return failed;
                },
                done);
    }

    @Override
    public String upLine() {
        return "UDP connection to " + target.realServer() + " success.";
    }
}
