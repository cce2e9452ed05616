package io.jkeepalived.daemon.vrrp.reload;

import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.daemon.TestConfigs;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link VrrpReloadDiff} over random sets of instances: a configuration against itself changes
 * nothing; what is added one way is removed the other way; an instance is unchanged exactly when its settings are.
 */
class VrrpReloadDiffPropertiesTest {

    /** One instance per list entry: entry {@code k} (0..7) picks its priority and VIP count; -1 = absent. */
    static String config(List<Integer> shape) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shape.size(); i++) {
            int k = shape.get(i);
            if (k < 0) {
                continue;
            }
            b.append("vrrp_instance VI_").append(i).append(" {\n interface eth0\n virtual_router_id ").append(10 + i)
                    .append("\n priority ").append(100 + 10 * (k % 4)).append("\n virtual_ipaddress {\n");
            for (int v = 0; v <= k / 4; v++) {
                b.append("  198.51.100.").append(10 * i + v).append("/32\n");
            }
            b.append(" }\n}\n");
        }
        return b.toString();
    }

    static KeepalivedConfig load(String text) throws Exception {
        Path d = Files.createTempDirectory("jk-reload-prop");
        try {
            return TestConfigs.load(d, text);
        } finally {
            Files.deleteIfExists(d.resolve("keepalived.conf"));
            Files.deleteIfExists(d);
        }
    }

    @Property(tries = 40)
    void aConfigurationAgainstItselfChangesNothing(@ForAll @Size(min = 1, max = 5) List<@IntRange(min = -1, max = 7) Integer> shape)
            throws Exception {
        KeepalivedConfig c = load(config(shape));
        assertThat(VrrpReloadDiff.of(c, c).lines()).isEmpty();
    }

    @Property(tries = 40)
    void addedOneWayIsRemovedTheOther(@ForAll @Size(value = 4) List<@IntRange(min = -1, max = 7) Integer> a,
                                      @ForAll @Size(value = 4) List<@IntRange(min = -1, max = 7) Integer> b)
            throws Exception {
        KeepalivedConfig ca = load(config(a));
        KeepalivedConfig cb = load(config(b));
        VrrpReloadDiff forth = VrrpReloadDiff.of(ca, cb);
        VrrpReloadDiff back = VrrpReloadDiff.of(cb, ca);
        for (int i = 0; i < 4; i++) {
            String name = "VI_" + i;
            VrrpReloadDiff.Kind expected;
            if (a.get(i) < 0 && b.get(i) < 0) {
                assertThat(forth.instance(name)).isNull();
                continue;
            } else if (a.get(i) < 0) {
                expected = VrrpReloadDiff.Kind.ADDED;
            } else if (b.get(i) < 0) {
                expected = VrrpReloadDiff.Kind.REMOVED;
            } else {
                expected = a.get(i).equals(b.get(i)) ? VrrpReloadDiff.Kind.UNCHANGED : VrrpReloadDiff.Kind.CHANGED;
            }
            assertThat(forth.instance(name).kind()).isEqualTo(expected);
            VrrpReloadDiff.Kind mirrored = switch (expected) {
                case ADDED -> VrrpReloadDiff.Kind.REMOVED;
                case REMOVED -> VrrpReloadDiff.Kind.ADDED;
                default -> expected;
            };
            assertThat(back.instance(name).kind()).isEqualTo(mirrored);
            assertThat(forth.instance(name).vipsAdded()).isEqualTo(back.instance(name).vipsRemoved());
        }
    }
}
