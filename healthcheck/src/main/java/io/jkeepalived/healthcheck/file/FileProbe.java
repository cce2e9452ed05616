package io.jkeepalived.healthcheck.file;

import io.jkeepalived.conf.model.check.FileCheck;
import io.jkeepalived.conf.model.vrrp.TrackFile;
import io.jkeepalived.healthcheck.Probe;
import io.jkeepalived.healthcheck.ProbeContext;
import io.jkeepalived.healthcheck.ProbeResult;
import io.jkeepalived.healthcheck.ProbeTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code FILE_CHECK} (keepalived's check_file.c with track_file.c): the number in a {@code track_file}'s file,
 * read on {@link ProbeContext#blocking()}, sets the real server's state and weight through
 * {@link TrackFileValue#effect}: down at keepalived's fault value, else up with the configured weight plus the
 * effect. The checker's {@code weight}/{@code reverse} apply, else the track_file's. keepalived watches the file
 * with inotify; here it is read every {@code delay_loop}.
 */
public final class FileProbe implements Probe {
    private static final Logger LOG = LoggerFactory.getLogger("jkeepalived.check");
    private final FileCheck check;
    private final ProbeTarget target;
    /** The last valid value: an invalid number keeps it, as keepalived does. */
    private volatile long last;

    public FileProbe(FileCheck check, ProbeTarget target) {
        this.check = check;
        this.target = target;
    }

    @Override
    public void start(ProbeContext ctx, Consumer<ProbeResult> done) {
        TrackFile tf = null;
        for (TrackFile t : ctx.trackFiles()) {
            if (t.name().equals(check.trackFile())) {
                tf = t;
            }
        }
        if (tf == null) {
            done.accept(ProbeResult.failed("track_file " + check.trackFile() + " not found"));
            return;
        }
        TrackFile file = tf;
        ctx.blocking().execute(() -> {
            try {
                long value = read(Path.of(file.file()));
                int weight = check.weight() != null ? check.weight() : file.weight();
                boolean reverse = check.weight() != null ? check.reverse() : file.reverse();
                Long effect = TrackFileValue.effect(value, weight, reverse);
                if (effect == null) {
                    // keepalived takes the file's effect off the weight at FAULT (effective_weight -= cur_weight):
                    // the real server comes back with its configured weight plus the new effect, in one change
                    String why = "(" + target.realServer() + "): tracked file " + file.name() + " now FAULT state";
                    done.accept(ctx.realServerWeight() == ProbeResult.NO_WEIGHT ? ProbeResult.failed(why)
                            : ProbeResult.failed(why, ctx.realServerWeight()));
                } else if (effect == 0 || ctx.realServerWeight() == ProbeResult.NO_WEIGHT) {
                    done.accept(ctx.realServerWeight() == ProbeResult.NO_WEIGHT ? ProbeResult.ok()
                            : ProbeResult.ok(ctx.realServerWeight()));
                } else {
                    long w = ctx.realServerWeight() + effect;
                    done.accept(ProbeResult.ok((int) Math.max(0, Math.min(Integer.MAX_VALUE, w))));
                }
            } catch (RuntimeException e) {
                done.accept(ProbeResult.failed("tracked file " + file.name() + ": " + e.getMessage()));
            }
        });
    }

    private long read(Path p) {
        byte[] content;
        try (InputStream in = Files.newInputStream(p)) {
            content = in.readNBytes(TrackFileValue.MAX_READ);
        } catch (IOException e) {
            // keepalived: a file it cannot open reads as 0
            content = new byte[0];
        }
        Long v = TrackFileValue.parse(content);
        if (v == null) {
            LOG.info("Invalid number read from {} - ignoring", p);
            return last;
        }
        last = v;
        return v;
    }
}
