package io.jkeepalived.vrrp.packet;

import java.util.List;
import java.util.Objects;

/** A packet the decoder refused, with the values keepalived puts in its log line. */
public record Rejection(RejectReason reason, List<Object> args) implements DecodeResult {
    public Rejection {
        Objects.requireNonNull(reason, "reason");
        args = List.copyOf(args);
    }

    static Rejection of(RejectReason reason, Object... args) {
        return new Rejection(reason, List.of(args));
    }

    /**
     * keepalived's log line.
     *
     * @param name the instance name ({@code iname}), or the interface name for {@link RejectReason#UNKNOWN_VRID}
     */
    public String message(String name) {
        Object[] all = new Object[args.size() + 1];
        all[0] = name;
        for (int i = 0; i < args.size(); i++) {
            all[i + 1] = args.get(i);
        }
        return String.format(java.util.Locale.ROOT, reason.template(), all);
    }
}
