package io.jkeepalived.netlink.raw;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer targets for the decoders of what {@code recvmsg} returns (control data, socket names). Under a plain build
 * they replay the inputs in {@code ControlMessagesFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} they fuzz.
 * The property: any bytes decode, or fail with an {@link IllegalArgumentException} that says why.
 */
class ControlMessagesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void controlMessages(byte[] data) {
        try {
            ControlMessages.Ancillary a = ControlMessages.decode(data, data.length);
            assertThat(a).isNotNull();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void socketNames(byte[] data) {
        byte[] name = new byte[SocketAddresses.NAME_CAPACITY];
        // First byte: the name length recvmsg reported (a little past the capacity too); the rest: the name.
        System.arraycopy(data, Math.min(1, data.length), name, 0, Math.min(Math.max(data.length - 1, 0), name.length));
        int length = data.length == 0 ? 0 : (data[0] & 0xff) % (name.length + 2);
        SocketAddresses.decodeInet(name, length);
        SocketAddresses.decodeLinkIfIndex(name, length);
    }
}
