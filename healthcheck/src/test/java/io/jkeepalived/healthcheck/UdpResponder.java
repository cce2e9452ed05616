package io.jkeepalived.healthcheck;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A UDP responder on loopback for the datagram probes' tests: answers each request with what the function says. */
public final class UdpResponder implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;
    public final List<byte[]> received = new CopyOnWriteArrayList<>();

    /** @param answer request octets → the replies to send (empty: stay silent) */
    public UdpResponder(Function<byte[], List<byte[]>> answer) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(() -> {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                    byte[] req = java.util.Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
                    received.add(req);
                    for (byte[] r : answer.apply(req)) {
                        socket.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "udp-responder");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }

    /** A loopback port nothing listens on (ICMP port unreachable comes back). */
    public static int closedPort() throws SocketException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }
}
