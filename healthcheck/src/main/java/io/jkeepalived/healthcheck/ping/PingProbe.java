package io.jkeepalived.healthcheck.ping;

import io.jkeepalived.conf.model.check.PingCheck;
import io.jkeepalived.healthcheck.Probe;
import io.jkeepalived.healthcheck.ProbeContext;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import io.jkeepalived.netlink.raw.IcmpEchoSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * {@code PING_CHECK} (keepalived's check_ping.c): one ICMP/ICMPv6 echo request to the real server; an echo reply
 * with our sequence (and, on a raw socket, our identifier) from that address within connect_timeout is success. The
 * socket ({@link IcmpEchoSocket}, netlink module) is keepalived's unprivileged ping socket when
 * {@code net.ipv4.ping_group_range} allows it, else a raw socket; it is opened on first use and kept; the wait runs
 * on {@link ProbeContext#blocking()}.
 */
public final class PingProbe implements Probe {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.check");
    /** A bound on messages read per attempt: other hosts' ICMP traffic cannot keep an attempt going. */
    private static final int MAX_MESSAGES = 10_000;

    /** Opens the probe's socket (tests open it inside a network namespace). */
    interface SocketOpener {
        IcmpEchoSocket open(boolean ipv6, String bindInterface, int fwmark) throws IOException;
    }

    private final ProbeTarget target;
    private final SocketOpener opener;
    private final int id = ThreadLocalRandom.current().nextInt(0x10000);
    private int sequence;
    private IcmpEchoSocket socket;

    public PingProbe(PingCheck check, ProbeTarget target) {
        this(target, IcmpEchoSocket::open);
    }

    PingProbe(ProbeTarget target, SocketOpener opener) {
        this.target = target;
        this.opener = opener;
    }

    @Override
    public void start(ProbeContext ctx, Consumer<ProbeResult> done) {
        ctx.blocking().execute(() -> done.accept(attempt()));
    }

    private synchronized ProbeResult attempt() {
        InetAddress to = target.connect().getAddress();
        boolean v6 = to instanceof Inet6Address;
        int seq = sequence++ & 0xFFFF;
        try {
            if (socket == null) {
                socket = opener.open(v6, target.bindInterface(), (int) target.fwmark());
                LOG.debug("PING_CHECK of {} uses a {} ICMP socket", target.realServer(), socket.kind());
            }
            socket.send(IcmpEcho.request(v6, id, seq), to);
            long deadline = System.nanoTime() + Math.max(1, target.connectTimeoutNanos());
            for (int i = 0; i < MAX_MESSAGES; i++) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                IcmpEchoSocket.Received r = socket.receive(Duration.ofNanos(left));
                if (r == null) {
                    break;
                }
                boolean reply = socket.kind() == IcmpEchoSocket.Kind.DATAGRAM ? IcmpEcho.isDatagramReply(v6, r.data(), seq)
                        : IcmpEcho.isReply(v6, r.data(), id, seq);
                if (to.equals(r.source()) && reply) {
                    return ProbeResult.ok();
                }
            }
            return ProbeResult.failed("ICMP connection to address " + target.realServer() + " timeout.");
        } catch (IOException | RuntimeException e) {
            LOG.debug("ICMP connection to {}: {}", target.realServer(), e.toString());
            closeSocket();
            return ProbeResult.failed("ICMP connection to " + target.realServer() + ofVirtualServer() + " failed.");
        }
    }

    @Override
    public String upLine() {
        return "ICMP connection to " + target.realServer() + " success.";
    }

    /** keepalived's icmp_epilog: "ICMP CHECK", and the virtual server named after the retries. */
    @Override
    public String downLine(String failure, long retry, boolean hasRun) {
        return retry > 0 && hasRun
                ? "ICMP CHECK on service " + target.realServer() + ofVirtualServer() + " failed after " + retry
                        + " retries."
                : "ICMP CHECK on service " + target.realServer() + " failed.";
    }

    /** keepalived's {@code " of " FMT_VS} in its ICMP lines; nothing when the target names no virtual server. */
    private String ofVirtualServer() {
        return target.virtualServer() == null ? "" : " of " + target.virtualServer();
    }

    @Override
    public synchronized void close() {
        closeSocket();
    }

    private void closeSocket() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing the ICMP socket of {}: {}", target.realServer(), e.toString());
            }
            socket = null;
        }
    }

}
