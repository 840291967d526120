package com.agilex.listings.relay;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * At most one relay of a name publishes at a time: the one holding a PostgreSQL session-level
 * advisory lock on a connection it keeps open. When that process dies its connection closes, the
 * lock is released, and the next relay to try takes over from the shared checkpoint. A leader
 * that stalls instead (frozen, paused, cut off) loses its session after the leadership timeout
 * (idle_session_timeout on that connection), and with it the lock; what it writes afterwards goes
 * through that same connection ({@link #whileLeading}), so it fails instead of moving a checkpoint
 * that another leader now owns. Advisory locks write nothing, so holding one does not hold back
 * the gap-safe readers.
 */
public class RelayLeadership {

    private static final Logger LOG = Logger.getLogger(RelayLeadership.class);
    /** First half of the two-int advisory lock key: this application's namespace ("LIST"). */
    private static final int NAMESPACE = 0x4C495354;

    private final Pool pool;
    private final String name;
    private final int key;
    private final Duration timeout;
    private volatile SqlConnection held;
    private volatile boolean released;
    /** Counts the times this relay took the lock: what it read while holding it stays true until it loses it. */
    private volatile long term;

    public RelayLeadership(Pool pool, String name, Duration timeout) {
        this.pool = pool;
        this.name = name;
        this.key = name.hashCode();
        this.timeout = timeout;
    }

    /** Lets {@link #acquire()} take the lock again after a {@link #release()}. */
    public void open() {
        released = false;
    }

    /** True when this relay leads, taking the lock if it is free. Checks a held lock's connection is alive. */
    public Uni<Boolean> acquire() {
        if (released) {
            return Uni.createFrom().item(false);
        }
        SqlConnection connection = held;
        if (connection != null) {
            return connection.query("SELECT 1").execute()
                    .replaceWith(true)
                    .onFailure().recoverWithUni(lost -> {
                        LOG.warnf("Relay %s lost its leadership connection: %s", name, lost.getMessage());
                        if (held == connection) {
                            held = null;
                        }
                        return connection.close().onFailure().recoverWithNull().replaceWith(false);
                    });
        }
        return pool.getConnection().chain(candidate -> candidate
                .preparedQuery("SELECT pg_try_advisory_lock($1, $2)")
                .execute(Tuple.of(NAMESPACE, key))
                .map(rows -> rows.iterator().next().getBoolean(0))
                .call(won -> won ? Uni.createFrom().voidItem() : candidate.close())
                .chain(won -> {
                    if (won && released) {
                        // Released while the lock was being taken: give it straight back.
                        return unlock(candidate).replaceWith(false);
                    }
                    if (!won) {
                        return Uni.createFrom().item(false);
                    }
                    return candidate.preparedQuery("SELECT set_config('idle_session_timeout', $1, false)")
                            .execute(Tuple.of(timeout.toMillis() + "ms"))
                            .invoke(() -> {
                                held = candidate;
                                term++;
                                LOG.infof("Relay %s is now the active publisher", name);
                            })
                            .replaceWith(true);
                })
                .onFailure().call(candidate::close));
    }

    /**
     * A word to PostgreSQL on the lock's connection, so a leader that is only busy (a slow Kafka
     * send) keeps its session; one that is frozen says nothing and loses it.
     */
    public Uni<Void> heartbeat() {
        SqlConnection connection = held;
        if (connection == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.query("SELECT 1").execute().replaceWithVoid().onFailure().recoverWithNull();
    }

    /**
     * Runs {@code work} on the lock's connection, if this relay still leads in {@code term}: a
     * statement on a session that has ended fails, so nothing is written by a relay that lost the
     * lock, even one that does not know it yet.
     */
    public <T> Uni<T> whileLeading(long term, Function<SqlConnection, Uni<T>> work) {
        SqlConnection connection = held;
        if (connection == null || term != this.term) {
            return Uni.createFrom().failure(new IllegalStateException("Relay " + name + " no longer leads"));
        }
        return work.apply(connection);
    }

    public boolean isLeader() {
        return held != null;
    }

    /**
     * Which of this relay's leaderships is the current one: it changes each time the lock is taken
     * again, after which another relay may have moved the shared checkpoint.
     */
    public long term() {
        return term;
    }

    /** Gives the lock up (so another relay can take over at once) and returns the connection. */
    public Uni<Void> release() {
        released = true;
        SqlConnection connection = held;
        held = null;
        if (connection == null) {
            return Uni.createFrom().voidItem();
        }
        return unlock(connection).invoke(() -> LOG.infof("Relay %s stepped down", name));
    }

    /**
     * Unlocks, and drops the leadership timeout, before the connection goes back to the pool,
     * where the lock would otherwise stay and an idle connection would be ended.
     */
    private Uni<Void> unlock(SqlConnection connection) {
        return connection.preparedQuery("SELECT pg_advisory_unlock($1, $2), set_config('idle_session_timeout', '0', false)")
                .execute(Tuple.of(NAMESPACE, key))
                .onFailure().recoverWithNull()
                .call(connection::close)
                .replaceWithVoid();
    }
}
