package io.jkeepalived.vrrp.packet;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential check against keepalived 2.2.7 itself: the same packets, sent to a real keepalived in a lab
 * namespace, made it log the lines kept in {@code keepalived-rejections.txt}; the decoder must say the same.
 */
class KeepalivedLogTest {
    private static final Map<String, AdvertExpectation> INSTANCES = Map.of(
            "PASS1", AdvertExpectation.multicast(VrrpVersion.V2, 51, Duration.ofSeconds(1),
                    List.of(Golden.v4("198.51.100.100"))).withAuth(AuthType.PASS, AuthData.fromPassword("labpass1")),
            "AH1", AdvertExpectation.multicast(VrrpVersion.V2, 42, Duration.ofSeconds(1),
                    List.of(Golden.v4("198.51.100.110"))).withAuth(AuthType.AH, AuthData.fromPassword("sekrit12")),
            "V3", AdvertExpectation.multicast(VrrpVersion.V3, 61, Duration.ofSeconds(1),
                    List.of(Golden.v4("198.51.100.120"))));

    @Test
    void sameVerdictAndLogLineAsKeepalived() throws IOException {
        int compared = 0;
        for (String line : rows()) {
            String[] f = line.split("\t", -1);
            String name = f[0];
            String instance = f[1];
            byte[] packet = HexFormat.of().parseHex(f[3]);
            String keepalived = f[4];
            AdvertDecoder decoder = new AdvertDecoder(INSTANCES.get(instance));
            decoder.ahSequence().acceptReceived(11);
            DecodeResult r = decoder.decodeIpv4(packet, true);
            switch (name) {
                case "pass-unicast" -> {
                    // keepalived binds a multicast instance's socket to the group: the kernel never delivered it.
                    assertThat(keepalived).isEmpty();
                    assertThat(((Rejection) r).reason()).isEqualTo(RejectReason.CAST_MISMATCH);
                }
                case "ah-to-pass", "pass-to-ah" -> {
                    // keepalived reads AH and VRRP on separate sockets, each knowing only its own instances, so
                    // its dispatcher finds no instance; an engine handing the packet to the instance anyway gets
                    // the check vrrp_check_packet would have made.
                    assertThat(keepalived).startsWith("Unknown VRID(");
                    assertThat(((Rejection) r).reason()).isIn(RejectReason.AH_HEADER_UNEXPECTED,
                            RejectReason.AH_HEADER_MISSING);
                }
                default -> {
                    if (keepalived.contains("with lower priority")) {
                        assertThat(r).as(name).isInstanceOf(ReceivedAdvert.class);
                    } else {
                        assertThat(r).as(name).isInstanceOf(Rejection.class);
                        Rejection rej = (Rejection) r;
                        String who = rej.reason() == RejectReason.UNKNOWN_VRID ? "v0" : instance;
                        assertThat(rej.message(who)).as(name).isEqualTo(keepalived);
                    }
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(20);
    }

    private static List<String> rows() throws IOException {
        try (InputStream in = KeepalivedLogTest.class.getResourceAsStream("keepalived-rejections.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        }
    }
}
