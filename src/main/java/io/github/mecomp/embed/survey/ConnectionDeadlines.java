package io.github.mecomp.embed.survey;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;

/**
 * Closes connections that take too long to send a request head or body. Jetty's idle timeout restarts with
 * every byte, so a client sending its head a byte a second would otherwise keep a connection for ever; here
 * the clock starts when the connection opens (or its previous reply ends) and stops only when the whole head
 * is in. Jetty reads without blocking a thread, so a slow client costs a connection, not a worker; this bounds
 * how long it keeps even that.
 */
final class ConnectionDeadlines implements Connection.Listener, AutoCloseable {

    /** Since when a connection waits for the client, and for how long at most. */
    private record Phase(long sinceNanos, long limitNanos) {
        boolean overdue(long now) {
            return now - sinceNanos > limitNanos;
        }
    }

    private static final Phase HANDLING = new Phase(0, Long.MAX_VALUE);

    private final long headNanos;
    private final long bodyNanos;
    private final Map<Connection, Phase> phases = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    private final AtomicLong closed = new AtomicLong();

    ConnectionDeadlines(ServerLimits limits) {
        this.headNanos = limits.headerTimeout().toNanos();
        this.bodyNanos = limits.bodyTimeout().toNanos();
        // A tenth of the shorter deadline, so that a connection closes within 10% of its deadline.
        long every = Math.max(20, Math.min(250, Math.min(headNanos, bodyNanos) / 10 / 1_000_000));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "survey-deadlines");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        phases.put(connection, new Phase(System.nanoTime(), headNanos));
    }

    @Override
    public void onClosed(Connection connection) {
        phases.remove(connection);
    }

    /** The head is in and the request is being handled: no deadline but Jetty's idle timeout. */
    void headReceived(Connection connection) {
        phases.computeIfPresent(connection, (c, p) -> HANDLING);
    }

    void bodyStarted(Connection connection) {
        phases.computeIfPresent(connection, (c, p) -> new Phase(System.nanoTime(), bodyNanos));
    }

    void bodyReceived(Connection connection) {
        phases.computeIfPresent(connection, (c, p) -> HANDLING);
    }

    /** The reply is sent; the next request's head must come within the header deadline. */
    void replySent(Connection connection) {
        phases.computeIfPresent(connection, (c, p) -> new Phase(System.nanoTime(), headNanos));
    }

    /** Connections closed so far for missing a deadline. */
    long closedForDeadline() {
        return closed.get();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Map.Entry<Connection, Phase> e : phases.entrySet()) {
            if (e.getValue().overdue(now) && phases.remove(e.getKey(), e.getValue())) {
                closed.incrementAndGet();
                try {
                    e.getKey().getEndPoint().close();
                } catch (RuntimeException x) {
                    // already closing; an exception here must not end the sweeper's schedule
                }
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
