package io.jkeepalived.healthcheck.dns;

import io.jkeepalived.conf.model.check.DnsCheck;
import io.jkeepalived.conf.model.check.DnsType;
import io.jkeepalived.healthcheck.Probe;
import io.jkeepalived.healthcheck.ProbeContext;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import io.jkeepalived.healthcheck.udp.DatagramExchange;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * {@code DNS_CHECK} (keepalived's check_dns.c): a query of {@code type} for {@code name} (SOA of the root by
 * default) over UDP to the real server; a response with our id and RCODE 0 within connect_timeout is success.
 * Failures carry keepalived's words: {@code DNS_CHECK ([..]:udp:53) read timeout from socket}.
 */
public final class DnsProbe implements Probe {
    private final ProbeTarget target;
    private final DnsType type;
    private final String name;
    private final IntSupplier ids;

    public DnsProbe(DnsCheck check, ProbeTarget target) {
        this(check, target, () -> ThreadLocalRandom.current().nextInt(0x10000));
    }

    DnsProbe(DnsCheck check, ProbeTarget target, IntSupplier ids) {
        this.target = target;
        this.type = check.type() == null ? DnsType.SOA : check.type();
        this.name = check.name() == null ? "" : check.name();
        this.ids = ids;
        DnsQuery.qname(this.name); // a bad name fails here, when the checker is set up
    }

    @Override
    public void start(ProbeContext ctx, Consumer<ProbeResult> done) {
        int id = ids.getAsInt() & 0xFFFF;
        byte[] query = DnsQuery.encode(id, type, name);
        DatagramExchange.run(ctx, query, reply -> {
            DnsReply.Verdict v = DnsReply.judge(id, reply);
            return switch (v.kind()) {
                case IGNORE -> null;
                case OK -> ProbeResult.ok();
                case ERROR -> fail("read error occurred. (rcode = " + v.rcode() + ")");
            };
        }, fail("read timeout from socket"), cause -> fail("failed to read socket; " + describe(cause)), done);
    }

    /**
     * keepalived's dns_final retries only a checker that is up (or has not run): one already down tries again a
     * delay_loop later. With log_all_failures each retried failure is logged as it is; the last one gets its
     * " after N retries" from {@link #downLine}.
     */
    public static final io.jkeepalived.healthcheck.CheckerRules RULES = new io.jkeepalived.healthcheck.CheckerRules(
            false, false, (failure, retryIt, retry) -> retryIt == 0 ? null : failure);

    @Override
    public io.jkeepalived.healthcheck.CheckerRules rules() {
        return RULES;
    }

    /** keepalived's dns_final logs the failure itself, with " after N retries" once the checker has run. */
    @Override
    public String downLine(String failure, long retry, boolean hasRun) {
        return failure == null ? null : hasRun ? failure + " after " + retry + " retries" : failure;
    }

    private ProbeResult fail(String why) {
        return ProbeResult.failed("DNS_CHECK (" + target.realServer() + ") " + why);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof java.net.PortUnreachableException) {
            return "errno 111 (Connection refused)";
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
