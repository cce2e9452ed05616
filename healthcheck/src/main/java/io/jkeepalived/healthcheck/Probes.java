package io.jkeepalived.healthcheck;

import io.jkeepalived.conf.model.check.Checker;
import io.jkeepalived.conf.model.check.RealServer;
import io.jkeepalived.conf.model.check.VirtualServer;
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
    private static final Map<Class<? extends Checker>, ServerFactory<Checker>> FACTORIES = new ConcurrentHashMap<>();

    /**
     * Makes the probe of a checker that also needs its virtual and real server (HTTP_GET's virtualhost fallback);
     * both may be null when a probe is made without them (tests, genhash).
     */
    @FunctionalInterface
    public interface ServerFactory<C extends Checker> {
        Probe create(C checker, ProbeTarget target, VirtualServer vs, RealServer rs);
    }

    static {
        // one line per checker type
        register(TcpCheck.class, TcpProbe::new);
        registerWithServers(io.jkeepalived.conf.model.check.HttpCheck.class, io.jkeepalived.healthcheck.http.HttpProbe::new);
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
        FACTORIES.put(type, (c, t, vs, rs) -> factory.apply((C) c, t));
    }

    /** Registers the factory of one checker type that reads its virtual and real server too. */
    @SuppressWarnings("unchecked")
    public static <C extends Checker> void registerWithServers(Class<C> type, ServerFactory<C> factory) {
        FACTORIES.put(type, (c, t, vs, rs) -> factory.create((C) c, t, vs, rs));
    }

    /**
     * The probe for {@code checker} against {@code target}.
     *
     * @throws UnsupportedOperationException naming the checker's keyword when no probe exists for it yet
     */
    public static Probe create(Checker checker, ProbeTarget target) {
        return create(checker, target, null, null);
    }

    /**
     * The probe for {@code checker} of real server {@code rs} of virtual server {@code vs} against {@code target}.
     *
     * @throws UnsupportedOperationException naming the checker's keyword when no probe exists for it yet
     */
    public static Probe create(Checker checker, ProbeTarget target, VirtualServer vs, RealServer rs) {
        ServerFactory<Checker> f = FACTORIES.get(checker.getClass());
        if (f == null) {
            throw new UnsupportedOperationException(checker.keyword() + " is not supported yet");
        }
        return f.create(checker, target, vs, rs);
    }
}
