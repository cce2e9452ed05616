package io.jkeepalived.netlink;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AF_UNIX datagrams through a socket the test binds in a temporary directory or the abstract namespace. */
class UnixDatagramSocketTest {
    @TempDir
    Path dir;

    @Test
    void pathSocketReceivesWhatIsSent() throws Exception {
        String path = dir.resolve("log").toString();
        try (UnixDatagramSocket server = UnixDatagramSocket.bind(path);
             UnixDatagramSocket client = UnixDatagramSocket.open()) {
            assertThat(client.send(path, "<30>hello".getBytes(StandardCharsets.US_ASCII))).isTrue();
            assertThat(new String(server.receive(4096, 5000), StandardCharsets.US_ASCII)).isEqualTo("<30>hello");
            assertThat(server.receive(4096, 0)).isNull();
        }
    }

    @Test
    void abstractSocketReceivesWhatIsSent() throws Exception {
        String address = "@jk-ops-test-" + ProcessHandle.current().pid();
        try (UnixDatagramSocket server = UnixDatagramSocket.bind(address);
             UnixDatagramSocket client = UnixDatagramSocket.open()) {
            client.send(address, "READY=1".getBytes(StandardCharsets.US_ASCII));
            assertThat(server.receive(4096, 5000)).isEqualTo("READY=1".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void sendingToNobodyNamesTheCallAndAddress() throws Exception {
        String path = dir.resolve("missing").toString();
        try (UnixDatagramSocket client = UnixDatagramSocket.open()) {
            assertThatThrownBy(() -> client.send(path, new byte[] {1}))
                    .isInstanceOf(SyscallException.class)
                    .hasMessage("sendto(AF_UNIX " + path + "): ENOENT (No such file or directory)");
        }
        UnixDatagramSocket closed = UnixDatagramSocket.open();
        closed.close();
        closed.close();
        assertThatThrownBy(() -> closed.send(path, new byte[] {1})).hasMessageContaining("EBADF");
    }

    @Test
    void bindingTwiceIsEaddrinuse() throws Exception {
        String path = dir.resolve("twice").toString();
        try (UnixDatagramSocket first = UnixDatagramSocket.bind(path)) {
            assertThatThrownBy(() -> UnixDatagramSocket.bind(path))
                    .hasMessage("bind(AF_UNIX " + path + "): EADDRINUSE (Address already in use)");
        }
    }

    @Test
    void sockaddrLayout() {
        ByteBuffer path = UnixDatagramSocket.sockaddr("/dev/log");
        assertThat(path.remaining()).isEqualTo(2 + 8 + 1);
        assertThat(path.order()).isEqualTo(ByteOrder.nativeOrder());
        assertThat(path.getShort(0)).isEqualTo((short) 1);
        assertThat(path.get(2)).isEqualTo((byte) '/');
        assertThat(path.get(10)).isZero();
        ByteBuffer abs = UnixDatagramSocket.sockaddr("@sd");
        assertThat(abs.remaining()).isEqualTo(2 + 1 + 2);
        assertThat(abs.get(2)).isZero();
        assertThat(abs.get(3)).isEqualTo((byte) 's');
        assertThatThrownBy(() -> UnixDatagramSocket.sockaddr("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnixDatagramSocket.sockaddr("@")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnixDatagramSocket.sockaddr("/" + "x".repeat(107)))
                .hasMessageContaining("longer than 107 bytes");
        assertThatThrownBy(() -> UnixDatagramSocket.sockaddr("/a\0b")).hasMessageContaining("NUL");
    }

    @Property
    void sockaddrLengthIsFamilyPlusName(@ForAll @AlphaChars @StringLength(min = 1, max = 100) String name) {
        assertThat(UnixDatagramSocket.sockaddr("/" + name).remaining()).isEqualTo(2 + 1 + name.length() + 1);
        assertThat(UnixDatagramSocket.sockaddr("@" + name).remaining()).isEqualTo(2 + 1 + name.length());
    }
}
