package io.jkeepalived.healthcheck.http;

import io.jkeepalived.conf.model.check.HttpProtocol;
import io.netty.util.NetUtil;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The GET request keepalived 2.2.7 sends ({@code http_request_thread}), byte for byte:
 * <pre>
 * GET {path} HTTP/1.{0|1}\r\n
 * User-Agent: KeepAliveClient\r\n
 * [Connection: close\r\n]          (http_protocol 1.0C and 1.1)
 * Host: {virtualhost | ip:port | [ipv6]:port}\r\n
 * \r\n
 * </pre>
 * keepalived formats it into a 2048-byte buffer with snprintf, so a longer request is cut at 2047 bytes.
 */
final class GetRequest {
    /** keepalived's GET_BUFFER_LENGTH less the terminating NUL. */
    static final int MAX_REQUEST = 2047;

    private GetRequest() {
    }

    /**
     * @param vhost the url's virtualhost, else the checker's, else the real server's, else the virtual server's; null for none
     */
    static byte[] build(String path, HttpProtocol protocol, String vhost, InetSocketAddress dst) {
        StringBuilder s = new StringBuilder(128);
        s.append("GET ").append(path).append(" HTTP/1.").append(protocol == HttpProtocol.HTTP_1_1 ? '1' : '0')
                .append("\r\nUser-Agent: KeepAliveClient\r\n");
        if (protocol != HttpProtocol.HTTP_1_0) {
            s.append("Connection: close\r\n");
        }
        s.append("Host: ");
        if (vhost != null) {
            // a virtualhost is sent as written, without the port
            s.append(vhost);
        } else {
            String ip = NetUtil.toAddressString(dst.getAddress()); // inet_ntop's (RFC 5952) form
            if (dst.getAddress() instanceof Inet6Address) {
                s.append('[').append(ip).append(']');
            } else {
                s.append(ip);
            }
            s.append(':').append(dst.getPort());
        }
        s.append("\r\n\r\n");
        // the configuration is bytes read as ISO-8859-1: this gives them back unchanged
        byte[] b = s.toString().getBytes(StandardCharsets.ISO_8859_1);
        return b.length > MAX_REQUEST ? Arrays.copyOf(b, MAX_REQUEST) : b;
    }
}
