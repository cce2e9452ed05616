package io.jkeepalived.daemon.check;

import io.jkeepalived.daemon.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jkeepalived ipvs ...}: usage errors; the listing itself is compared with ipvsadm in the kernel lab. */
class IpvsCommandTest {
    private static int run(ByteArrayOutputStream err, String... args) {
        return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void unknownSubcommandsAndOptionsAreUsageErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "ipvs")).isEqualTo(2);
        assertThat(run(err, "ipvs", "list", "--nope")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: jkeepalived ipvs list [--stats|--rate]");
    }

    @Test
    void withoutIpvsTheListSaysWhyAndExitsOne() {
        // the build machine's kernel has no IPVS; where it has, the list succeeds
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = run(err, "ipvs", "list");
        if (status != 0) {
            assertThat(status).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("jkeepalived ipvs list: ");
        }
    }
}
