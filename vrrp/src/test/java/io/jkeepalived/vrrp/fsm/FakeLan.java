package io.jkeepalived.vrrp.fsm;

import io.jkeepalived.vrrp.fsm.VrrpAction.SendAdvert;
import io.jkeepalived.vrrp.fsm.VrrpAction.StateChanged;
import io.jkeepalived.vrrp.fsm.VrrpEvent.AdvertReceived;
import io.jkeepalived.vrrp.fsm.VrrpEvent.Tick;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * A discrete-event simulation of several instances of one VRID on a shared segment: every advert a node sends is
 * delivered to all the others after a fixed latency. One fake clock serves everyone; ticks are delivered at the
 * deadlines the machines return. Deliveries due at the same instant as a tick go first.
 */
final class FakeLan {

    record Transition(long atNanos, int node, VrrpState from, VrrpState to) {
    }

    final class Node {
        final int index;
        final InetAddress address;
        VrrpStateMachine fsm;
        OptionalLong wakeup = OptionalLong.empty();
        boolean crashed;
        long lastAdvertNanos = Long.MIN_VALUE;

        Node(int index, VrrpInstanceConfig config) {
            this.index = index;
            this.address = config.primaryAddress();
            this.fsm = new VrrpStateMachine(config, clock);
        }
    }

    private record Delivery(long at, long seq, int node, VrrpEvent event) implements Comparable<Delivery> {
        @Override
        public int compareTo(Delivery o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    final FakeClock clock = new FakeClock(0);
    final List<Node> nodes = new ArrayList<>();
    final List<Transition> transitions = new ArrayList<>();
    /** Every step with actions, in order: the simulated equivalent of a capture plus the logs. */
    final List<Step> steps = new ArrayList<>();

    record Step(long atNanos, int node, List<VrrpAction> actions) {
    }
    private final PriorityQueue<Delivery> queue = new PriorityQueue<>();
    private final long latencyNanos;
    private long seq;

    FakeLan(long latencyNanos) {
        this.latencyNanos = latencyNanos;
    }

    Node add(VrrpInstanceConfig config) {
        Node n = new Node(nodes.size(), config);
        nodes.add(n);
        return n;
    }

    /** Delivers {@code event} to node {@code node} at {@code atNanos}. */
    void schedule(long atNanos, int node, VrrpEvent event) {
        queue.add(new Delivery(atNanos, seq++, node, event));
    }

    /** The node stops dead (SIGKILL / link loss): it sends nothing more and gets no more events. */
    void crash(int node) {
        nodes.get(node).crashed = true;
        nodes.get(node).wakeup = OptionalLong.empty();
    }

    /** A new process for node {@code node} (after a stop or crash): a fresh machine, still to be started. */
    void restart(int node, VrrpInstanceConfig config) {
        Node n = nodes.get(node);
        n.fsm = new VrrpStateMachine(config, clock);
        n.crashed = false;
        n.wakeup = OptionalLong.empty();
    }

    /** Runs every event and tick due up to {@code endNanos}, at most {@code maxSteps} of them. */
    void runUntil(long endNanos, int maxSteps) {
        for (int step = 0; step < maxSteps; step++) {
            Delivery d = queue.peek();
            long next = d != null ? d.at() : Long.MAX_VALUE;
            Node tickNode = null;
            for (Node n : nodes) {
                if (!n.crashed && n.wakeup.isPresent() && n.wakeup.getAsLong() < next) {
                    next = n.wakeup.getAsLong();
                    tickNode = n;
                }
            }
            if (next > endNanos) {
                clock.set(endNanos);
                return;
            }
            clock.set(next);
            if (tickNode != null) {
                dispatch(tickNode, new Tick());
            } else {
                queue.poll();
                Node n = nodes.get(d.node());
                if (!n.crashed) {
                    dispatch(n, d.event());
                }
            }
        }
        throw new AssertionError("simulation did not reach its end time within " + maxSteps + " steps");
    }

    private void dispatch(Node n, VrrpEvent event) {
        VrrpStep step = n.fsm.handle(event);
        steps.add(new Step(clock.now(), n.index, step.actions()));
        n.wakeup = step.wakeupAtNanos();
        for (VrrpAction a : step.actions()) {
            if (a instanceof SendAdvert adv) {
                n.lastAdvertNanos = clock.now();
                for (Node other : nodes) {
                    if (other != n) {
                        schedule(clock.now() + latencyNanos, other.index, new AdvertReceived(n.address,
                                adv.priority(), n.fsm.config().advertIntervalCentis()));
                    }
                }
            } else if (a instanceof StateChanged sc) {
                transitions.add(new Transition(clock.now(), n.index, sc.from(), sc.to()));
            }
        }
        if (event instanceof VrrpEvent.Stop) {
            crash(n.index); // the process exits after its shutdown actions
        }
    }

    long masters() {
        return nodes.stream().filter(n -> !n.crashed && n.fsm.state() == VrrpState.MASTER).count();
    }
}
