package io.jkeepalived.healthcheck.http;

import io.jkeepalived.conf.model.check.HttpProtocol;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The request line and headers keepalived 2.2.7 writes (http_request_thread's templates). */
class GetRequestTest {
    private static String req(String path, HttpProtocol p, String vhost, String ip, int port) throws Exception {
        return new String(GetRequest.build(path, p, vhost, new InetSocketAddress(InetAddress.getByName(ip), port)),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void ipv6HostIsBracketedInInetNtopForm() throws Exception {
        assertThat(req("/", HttpProtocol.HTTP_1_0, null, "2001:db8:0:0:0:0:0:10", 8080))
                .isEqualTo("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [2001:db8::10]:8080\r\n\r\n");
        // a virtualhost replaces address and port, whatever the family
        assertThat(req("/", HttpProtocol.HTTP_1_0, "www.example.com", "2001:db8::10", 8080))
                .isEqualTo("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: www.example.com\r\n\r\n");
    }

    @Test
    void protocols() throws Exception {
        assertThat(req("/p", HttpProtocol.HTTP_1_0C, null, "198.51.100.10", 80))
                .isEqualTo("GET /p HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: 198.51.100.10:80\r\n\r\n");
        assertThat(req("/p", HttpProtocol.HTTP_1_1, null, "198.51.100.10", 80))
                .isEqualTo("GET /p HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: 198.51.100.10:80\r\n\r\n");
    }

    @Test
    void aRequestLongerThanKeepalivedsBufferIsCut() throws Exception {
        String r = req("/" + "a".repeat(3000), HttpProtocol.HTTP_1_0, null, "198.51.100.10", 80);
        assertThat(r).hasSize(GetRequest.MAX_REQUEST).startsWith("GET /aaa").doesNotContain("\r\n");
    }
}
