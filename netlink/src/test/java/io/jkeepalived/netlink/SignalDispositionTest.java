package io.jkeepalived.netlink;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignalDispositionTest {
    /** SIGWINCH: unused by the JVM, and its default action is to ignore it, so the test JVM is unaffected. */
    private static final int SIGWINCH = 28;
    private static final int SIGKILL = 9;

    @Test
    void anIgnoredSignalIsResetToItsDefaultOnce() throws IOException {
        SignalDisposition.ignore(SIGWINCH);
        assertThat(SignalDisposition.ignored(SIGWINCH)).isTrue();

        assertThat(SignalDisposition.resetIfIgnored(SIGWINCH)).isTrue();

        assertThat(SignalDisposition.ignored(SIGWINCH)).isFalse();
        assertThat(SignalDisposition.resetIfIgnored(SIGWINCH)).isFalse();
    }

    @Test
    void errnoBecomesAnIOExceptionNamingTheCall() {
        assertThatThrownBy(() -> SignalDisposition.ignored(0)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("sigaction(0): EINVAL");
        assertThatThrownBy(() -> SignalDisposition.ignore(SIGKILL)).isInstanceOf(SyscallException.class)
                .hasMessageStartingWith("sigaction(9): EINVAL");
    }
}
