package io.jkeepalived.ipvs;

import io.jkeepalived.netlink.DumpInterruptedException;
import io.jkeepalived.netlink.NetlinkMessage;
import io.jkeepalived.netlink.NetlinkSocket;
import io.jkeepalived.netlink.SyscallException;
import io.jkeepalived.netlink.genl.GenericNetlink;
import io.jkeepalived.netlink.genl.GenlFamily;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drives the kernel's IPVS tables over a NETLINK_GENERIC socket (family "IPVS", resolved once at open). All the
 * message layout is in the codecs ({@link ServiceMessages}, {@link DestinationMessages}, ...); this class only sends,
 * collects the replies and names failures: {@code "adding service TCP 198.51.100.10:80: EEXIST (File exists)"}.
 *
 * <p>Like the socket under it, not thread-safe, and bound to the network namespace of the thread that opened it.
 */
public final class IpvsClient implements Closeable {
    /** ENOENT: what the controller answers for an unknown family. */
    private static final int ENOENT = 2;
    /** ESRCH: IPVS's "no such service". */
    private static final int ESRCH = 3;
    /** A dump the kernel flagged inconsistent is retried this often before giving up. */
    private static final int DUMP_ATTEMPTS = 3;

    private final GenericNetlink genl;
    private final NetlinkSocket socket;
    private final int familyId;
    private final Duration timeout;

    private IpvsClient(GenericNetlink genl, int familyId, Duration timeout) {
        this.genl = genl;
        this.socket = genl.socket();
        this.familyId = familyId;
        this.timeout = timeout;
    }

    /**
     * Opens a client in the calling thread's network namespace.
     *
     * @throws IpvsException "IPVS is not available in this kernel (modprobe ip_vs)" when the family is missing
     */
    public static IpvsClient open() throws IOException {
        return open(GenericNetlink.DEFAULT_TIMEOUT);
    }

    public static IpvsClient open(Duration timeout) throws IOException {
        GenericNetlink genl = GenericNetlink.open();
        try {
            GenlFamily family;
            try {
                family = genl.resolveFamily(IpvsMessages.IPVS_GENL_NAME);
            } catch (SyscallException e) {
                if (e.errno() == ENOENT) {
                    throw new IpvsException("IPVS is not available in this kernel (modprobe ip_vs): no generic netlink family \""
                            + IpvsMessages.IPVS_GENL_NAME + "\"");
                }
                throw new IpvsException("looking up the IPVS generic netlink family", e);
            }
            return new IpvsClient(genl, family.id(), timeout);
        } catch (IOException | RuntimeException e) {
            try {
                genl.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The family id the controller assigned to "IPVS" (the nlmsg_type of every IPVS message). */
    public int familyId() {
        return familyId;
    }

    // ---- services

    public void addService(IpvsService service) throws IOException {
        changeService(ServiceMessages.newService(familyId, socket.nextSequence(), service), "adding service " + service.key(), service);
    }

    /** Changes scheduler, flags, persistence and netmask of an existing service. */
    public void editService(IpvsService service) throws IOException {
        changeService(ServiceMessages.setService(familyId, socket.nextSequence(), service), "editing service " + service.key(), service);
    }

    /** ENOENT on a service change means the scheduler (or persistence engine) module could not be loaded. */
    private void changeService(ByteBuffer request, String action, IpvsService service) throws IOException {
        try {
            socket.request(request, commandOf(request), timeout);
        } catch (SyscallException e) {
            throw new IpvsException(action, e, e.errno() == ENOENT
                    ? "no scheduler module ip_vs_" + service.scheduler() + (service.peName() == null ? "" : " or persistence engine ip_vs_pe_" + service.peName())
                    : null);
        }
    }

    public void deleteService(IpvsServiceKey key) throws IOException {
        change(ServiceMessages.delService(familyId, socket.nextSequence(), key), "deleting service " + key);
    }

    /** One service with its counters, or empty when the kernel has no such service. */
    public Optional<IpvsService> service(IpvsServiceKey key) throws IOException {
        String action = "getting service " + key;
        try {
            for (NetlinkMessage m : socket.request(ServiceMessages.getService(familyId, socket.nextSequence(), key),
                    IpvsMessages.commandName(IpvsMessages.IPVS_CMD_GET_SERVICE), timeout)) {
                if (m.type() == familyId) {
                    return Optional.of(ServiceMessages.decode(m));
                }
            }
            throw new IpvsException(action + ": acknowledged without a service");
        } catch (SyscallException e) {
            if (e.errno() == ESRCH) {
                return Optional.empty();
            }
            throw new IpvsException(action, e);
        }
    }

    /** Every service of the namespace, with counters. */
    public List<IpvsService> services() throws IOException {
        List<IpvsService> out = new ArrayList<>();
        for (NetlinkMessage m : dump(() -> ServiceMessages.dumpServices(familyId, socket.nextSequence()), "listing services")) {
            out.add(ServiceMessages.decode(m));
        }
        return out;
    }

    public void zero(IpvsServiceKey key) throws IOException {
        change(ServiceMessages.zeroService(familyId, socket.nextSequence(), key), "zeroing the counters of service " + key);
    }

    public void zeroAll() throws IOException {
        change(IpvsMessages.zeroAll(familyId, socket.nextSequence()), "zeroing all IPVS counters");
    }

    /** Deletes every service and destination (ipvsadm -C). */
    public void flush() throws IOException {
        change(IpvsMessages.flush(familyId, socket.nextSequence()), "flushing IPVS");
    }

    // ---- destinations

    public void addDestination(IpvsServiceKey service, IpvsDestination dest) throws IOException {
        change(DestinationMessages.newDest(familyId, socket.nextSequence(), service, dest),
                "adding destination " + hostPort(dest) + " to service " + service);
    }

    public void editDestination(IpvsServiceKey service, IpvsDestination dest) throws IOException {
        change(DestinationMessages.setDest(familyId, socket.nextSequence(), service, dest),
                "editing destination " + hostPort(dest) + " of service " + service);
    }

    public void deleteDestination(IpvsServiceKey service, InetAddress address, int port) throws IOException {
        change(DestinationMessages.delDest(familyId, socket.nextSequence(), service, address, port),
                "deleting destination " + IpvsServiceKey.hostPort(address, port) + " of service " + service);
    }

    /** The destinations of {@code service} with counters; empty also when the service does not exist. */
    public List<IpvsDestination> destinations(IpvsServiceKey service) throws IOException {
        List<IpvsDestination> out = new ArrayList<>();
        for (NetlinkMessage m : dump(() -> DestinationMessages.dumpDests(familyId, socket.nextSequence(), service),
                "listing the destinations of service " + service)) {
            out.add(DestinationMessages.decode(m, service.family()));
        }
        return out;
    }

    private static String hostPort(IpvsDestination d) {
        return IpvsServiceKey.hostPort(d.address(), d.port());
    }

    // ---- timeouts, info

    public IpvsTimeouts timeouts() throws IOException {
        return ConfigMessages.decode(single(ConfigMessages.getConfig(familyId, socket.nextSequence()), "reading IPVS timeouts"));
    }

    /** Sets the non-zero timeouts (ipvsadm --set). */
    public void setTimeouts(IpvsTimeouts timeouts) throws IOException {
        change(ConfigMessages.setConfig(familyId, socket.nextSequence(), timeouts), "setting IPVS timeouts " + timeouts);
    }

    public IpvsInfo info() throws IOException {
        return InfoMessages.decode(single(InfoMessages.getInfo(familyId, socket.nextSequence()), "reading IPVS info"));
    }

    // ---- sync daemons

    public void startSyncDaemon(IpvsSyncDaemon daemon) throws IOException {
        change(DaemonMessages.newDaemon(familyId, socket.nextSequence(), daemon),
                "starting the " + daemon.state() + " sync daemon on " + daemon.interfaceName() + " (sync id " + daemon.syncId() + ")");
    }

    public void stopSyncDaemon(SyncState state) throws IOException {
        change(DaemonMessages.delDaemon(familyId, socket.nextSequence(), state), "stopping the " + state + " sync daemon");
    }

    public List<IpvsSyncDaemon> syncDaemons() throws IOException {
        List<IpvsSyncDaemon> out = new ArrayList<>();
        for (NetlinkMessage m : dump(() -> DaemonMessages.dumpDaemons(familyId, socket.nextSequence()), "listing sync daemons")) {
            out.add(DaemonMessages.decode(m));
        }
        return out;
    }

    // ---- batches

    /**
     * Changes sent several per datagram with one acknowledgement each (see {@link NetlinkSocket#requestBatch}):
     * what {@code jkeepalived -C} uses to program a whole table at start, where one request per change spent most
     * of its time crossing into the kernel and back. Each change is attempted, in order, as if sent alone; the
     * errors read as the single-request methods' do.
     */
    public Batch batch() {
        return new Batch();
    }

    /** One change of a {@link Batch} the kernel refused: its index (order of adding) and the error. */
    public record BatchFailure(int index, IpvsException error) {
    }

    /**
     * A batch that stopped part-way: the changes from {@link #confirmed()} on have an unknown outcome (re-read
     * their services); {@link #failures()} are the refused ones before it.
     */
    public static final class BatchException extends IpvsException {
        private static final long serialVersionUID = 1L;
        private final int confirmed;
        private final transient List<BatchFailure> failures;

        BatchException(String message, int confirmed, List<BatchFailure> failures) {
            super(message);
            this.confirmed = confirmed;
            this.failures = failures;
        }

        public int confirmed() {
            return confirmed;
        }

        public List<BatchFailure> failures() {
            return failures;
        }
    }

    /** Collects changes; {@link #send()} sends them. Not reusable after sending. */
    public final class Batch {
        private final List<ByteBuffer> requests = new ArrayList<>();
        private final List<String> actions = new ArrayList<>();
        /** The service of a service change (for the scheduler hint on ENOENT), else null. */
        private final List<IpvsService> services = new ArrayList<>();

        private Batch() {
        }

        private Batch add(ByteBuffer request, String action, IpvsService service) {
            requests.add(request);
            actions.add(action);
            services.add(service);
            return this;
        }

        public int size() {
            return requests.size();
        }

        public Batch addService(IpvsService service) {
            return add(ServiceMessages.newService(familyId, socket.nextSequence(), service), "adding service " + service.key(), service);
        }

        public Batch editService(IpvsService service) {
            return add(ServiceMessages.setService(familyId, socket.nextSequence(), service), "editing service " + service.key(), service);
        }

        public Batch deleteService(IpvsServiceKey key) {
            return add(ServiceMessages.delService(familyId, socket.nextSequence(), key), "deleting service " + key, null);
        }

        public Batch flush() {
            return add(IpvsMessages.flush(familyId, socket.nextSequence()), "flushing IPVS", null);
        }

        public Batch addDestination(IpvsServiceKey service, IpvsDestination dest) {
            return add(DestinationMessages.newDest(familyId, socket.nextSequence(), service, dest),
                    "adding destination " + hostPort(dest) + " to service " + service, null);
        }

        public Batch editDestination(IpvsServiceKey service, IpvsDestination dest) {
            return add(DestinationMessages.setDest(familyId, socket.nextSequence(), service, dest),
                    "editing destination " + hostPort(dest) + " of service " + service, null);
        }

        public Batch deleteDestination(IpvsServiceKey service, InetAddress address, int port) {
            return add(DestinationMessages.delDest(familyId, socket.nextSequence(), service, address, port),
                    "deleting destination " + IpvsServiceKey.hostPort(address, port) + " of service " + service, null);
        }

        /**
         * Sends every change and returns the refused ones, in order.
         *
         * @throws BatchException when the batch stopped part-way (no acknowledgement in time, replies lost)
         */
        public List<BatchFailure> send() throws IOException {
            try {
                // an anonymous class, not a lambda: no class spinning on the start-up path
                return failures(socket.requestBatch(requests, new NetlinkSocket.RequestName() {
                    @Override
                    public String of(int index) {
                        return commandOf(requests.get(index));
                    }
                }, timeout));
            } catch (NetlinkSocket.BatchException e) {
                throw new BatchException("IPVS batch: " + e.getMessage(), e.confirmed(), failures(e.failures()));
            }
        }

        private List<BatchFailure> failures(List<NetlinkSocket.BatchFailure> raw) {
            List<BatchFailure> out = new ArrayList<>(raw.size());
            for (NetlinkSocket.BatchFailure f : raw) {
                IpvsService service = services.get(f.index());
                SyscallException e = f.error();
                String hint = service != null && e.errno() == ENOENT
                        ? "no scheduler module ip_vs_" + service.scheduler() + (service.peName() == null ? "" : " or persistence engine ip_vs_pe_" + service.peName())
                        : null;
                out.add(new BatchFailure(f.index(), new IpvsException(actions.get(f.index()), e, hint)));
            }
            return out;
        }
    }

    // ---- plumbing

    private void change(ByteBuffer request, String action) throws IOException {
        try {
            socket.request(request, commandOf(request), timeout);
        } catch (SyscallException e) {
            throw new IpvsException(action, e);
        }
    }

    private NetlinkMessage single(ByteBuffer request, String action) throws IOException {
        try {
            for (NetlinkMessage m : socket.request(request, commandOf(request), timeout)) {
                if (m.type() == familyId) {
                    return m;
                }
            }
        } catch (SyscallException e) {
            throw new IpvsException(action, e);
        }
        throw new IpvsException(action + ": acknowledged without an answer");
    }

    private interface Request {
        ByteBuffer build();
    }

    private List<NetlinkMessage> dump(Request request, String action) throws IOException {
        for (int attempt = 1; ; attempt++) {
            ByteBuffer message = request.build();
            try {
                List<NetlinkMessage> out = new ArrayList<>();
                for (NetlinkMessage m : socket.dump(message, commandOf(message), timeout)) {
                    if (m.type() == familyId) {
                        out.add(m);
                    }
                }
                return out;
            } catch (DumpInterruptedException e) {
                if (attempt >= DUMP_ATTEMPTS) {
                    throw new IpvsException(action + ": " + e.getMessage());
                }
            } catch (SyscallException e) {
                throw new IpvsException(action, e);
            }
        }
    }

    /** "IPVS_CMD_NEW_SERVICE(IPVS)" for the socket's own error text. */
    private static String commandOf(ByteBuffer request) {
        int cmd = Byte.toUnsignedInt(request.get(request.position() + io.jkeepalived.netlink.NlMsgHeader.SIZE));
        return IpvsMessages.commandName(cmd) + "(" + IpvsMessages.IPVS_GENL_NAME + ")";
    }

    @Override
    public void close() throws IOException {
        genl.close();
    }
}
