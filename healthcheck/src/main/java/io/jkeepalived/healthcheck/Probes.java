package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.model.check.Checker;
import io.jkeepalived.conf.model.check.TcpCheck;
import io.jkeepalived.healthcheck.tcp.TcpProbe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Creates the {@link Probe} of each checker type. Each checker registers itself here (one line in the static
 * block) so checker types can be added without touching the engine.
 */
public final class Probes {
    private static final Map<Class<? extends Checker>, BiFunction<Checker, ProbeTarget, Probe>> FACTORIES =
            new ConcurrentHashMap<>();

    static {
        // one line per checker type
        register(TcpCheck.class, TcpProbe::new);
        register(io.jkeepalived.conf.model.check.HttpCheck.class, io.jkeepalived.healthcheck.http.HttpProbe::new);
        register(io.jkeepalived.conf.model.check.MiscCheck.class, io.jkeepalived.healthcheck.misc.MiscProbe::new);
        register(io.jkeepalived.conf.model.check.UdpCheck.class, io.jkeepalived.healthcheck.udp.UdpProbe::new);
        register(io.jkeepalived.conf.model.check.DnsCheck.class, io.jkeepalived.healthcheck.dns.DnsProbe::new);
        register(io.jkeepalived.conf.model.check.SmtpCheck.class, io.jkeepalived.healthcheck.smtp.SmtpProbe::new);
        register(io.jkeepalived.conf.model.check.FileCheck.class, io.jkeepalived.healthcheck.file.FileProbe::new);
        register(io.jkeepalived.conf.model.check.PingCheck.class, io.jkeepalived.healthcheck.ping.PingProbe::new);
    }

    private Probes() {
    }

    /** Registers the factory of one checker type (tests may register fakes). */
    @SuppressWarnings("unchecked")
    public static <C extends Checker> void register(Class<C> type, BiFunction<C, ProbeTarget, Probe> factory) {
        FACTORIES.put(type, (c, t) -> factory.apply((C) c, t));
    }

    /**
     * The probe for {@code checker} against {@code target}.
     *
     * @throws UnsupportedOperationException naming the checker's keyword when no probe exists for it yet
     */
    public static Probe create(Checker checker, ProbeTarget target) {
        BiFunction<Checker, ProbeTarget, Probe> f = FACTORIES.get(checker.getClass());
        if (f == null) {
            throw new UnsupportedOperationException(checker.keyword() + " is not supported yet");
        }
        return f.apply(checker, target);
    }
}
