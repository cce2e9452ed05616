package io.jkeepalived.conf;

import io.jkeepalived.conf.parser.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A keyword jkeepalived accepts but does not act on is announced, and never counted as an error. */
class NotBuiltNoticeTest {
    @TempDir
    Path dir;

    @Test
    void snmpKeywordGetsANoticeOnce() throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, "global_defs {\n    enable_snmp_vrrp\n}\n");
        LoadResult r = ConfigLoader.load(new ConfigLoader.Options(f.toString(), null, true, TestMachine.INSTANCE, null));
        assertThat(r.exitCode()).isZero();
        assertThat(r.errorLines()).isEmpty();
        assertThat(r.diagnostics()).filteredOn(Diagnostic::notice).singleElement()
                .satisfies(d -> {
                    assertThat(d.line()).isEqualTo(2);
                    assertThat(d.message()).contains("enable_snmp_vrrp").contains("SNMP");
                });
    }
}
