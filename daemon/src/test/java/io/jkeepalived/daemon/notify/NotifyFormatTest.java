package io.jkeepalived.daemon.notify;

import io.jkeepalived.vrrp.fsm.VrrpState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NotifyFormatTest {
    @Test
    void fifoLinesAreKeepalivedsWithThePriority() {
        assertThat(NotifyFormat.fifoLine(false, "VI_1", NotifyState.MASTER, 100))
                .isEqualTo("INSTANCE \"VI_1\" MASTER 100\n");
        assertThat(NotifyFormat.fifoLine(false, "VI_1", NotifyState.STOP, 150))
                .isEqualTo("INSTANCE \"VI_1\" STOP 150\n");
        assertThat(NotifyFormat.fifoLine(true, "G1", NotifyState.BACKUP, 0)).isEqualTo("GROUP \"G1\" BACKUP 0\n");
        assertThat(NotifyFormat.fifoLine(false, "VI_1", NotifyState.MASTER_RX_LOWER_PRI, 150))
                .isEqualTo("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 150\n");
        assertThat(NotifyFormat.fifoLine(false, "VI_1", NotifyState.BACKUP_PRIORITY, 90))
                .isEqualTo("INSTANCE \"VI_1\" BACKUP_PRIORITY 90\n");
    }

    @Test
    void genericScriptGetsTypeNameStateAndPriorityAfterItsOwnWords() {
        // notify "/usr/local/bin/n.sh --tag 'a b'" → argv as keepalived's parser split it, then the four words
        List<String> own = List.of("/usr/local/bin/n.sh", "--tag", "a b");
        assertThat(NotifyFormat.genericArgs(own, false, "VI 1", NotifyState.FAULT, 0))
                .containsExactly("/usr/local/bin/n.sh", "--tag", "a b", "INSTANCE", "VI 1", "FAULT", "0");
        assertThat(NotifyFormat.genericArgs(List.of("/x"), true, "G1", NotifyState.MASTER, 0))
                .containsExactly("/x", "GROUP", "G1", "MASTER", "0");
        assertThat(NotifyFormat.genericArgs(List.of("/x"), false, "VI_1", NotifyState.MASTER_PRIORITY, 7))
                .containsExactly("/x", "INSTANCE", "VI_1", "{UNKNOWN}", "7");
    }

    @Test
    void initIsNeverAnnounced() {
        assertThat(NotifyState.of(VrrpState.INIT)).isNull();
        assertThat(NotifyState.of(VrrpState.STOP)).isEqualTo(NotifyState.STOP);
    }

    @Property
    void aFifoLineIsOneLineOfFourFields(@ForAll @IntRange(min = 0, max = 255) int priority,
                                        @ForAll("names") String name) {
        for (NotifyState s : NotifyState.values()) {
            String line = NotifyFormat.fifoLine(false, name, s, priority);
            assertThat(line).endsWith("\n").doesNotContain("\r");
            assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
            assertThat(line).isEqualTo("INSTANCE \"" + name + "\" " + s.word() + " " + priority + "\n");
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> names() {
        return net.jqwik.api.Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20);
    }
}
