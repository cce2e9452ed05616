package io.jkeepalived.netlink.genl;

import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NetlinkSocket;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** A NETLINK_GENERIC request socket: family lookup by name, and the socket for the family's own requests. */
public final class GenericNetlink implements Closeable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final NetlinkSocket socket;
    private final Duration timeout;

    private GenericNetlink(NetlinkSocket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Opens a socket in the calling thread's network namespace. */
    public static GenericNetlink open() throws IOException {
        return new GenericNetlink(NetlinkSocket.open(NetlinkSocket.Protocol.GENERIC, 0), DEFAULT_TIMEOUT);
    }

    public NetlinkSocket socket() {
        return socket;
    }

    /**
     * Looks a family up by name (CTRL_CMD_GETFAMILY), e.g. "IPVS".
     *
     * @throws io.jkeepalived.netlink.SyscallException ENOENT when the kernel has no such family (module not loaded)
     */
    public GenlFamily resolveFamily(String name) throws IOException {
        List<NetlinkMessage> replies = socket.request(CtrlMessages.getFamily(socket.nextSequence(), name),
                "CTRL_CMD_GETFAMILY(" + name + ")", timeout);
        for (NetlinkMessage m : replies) {
            if (m.type() == CtrlMessages.GENL_ID_CTRL) {
                return CtrlMessages.decodeFamily(m);
            }
        }
        throw new IOException("CTRL_CMD_GETFAMILY(" + name + "): acknowledged without a family description");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
