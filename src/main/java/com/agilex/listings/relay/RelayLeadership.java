package com.agilex.listings.relay;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

/**
 * At most one relay of a name publishes at a time: the one holding a PostgreSQL session-level
 * advisory lock on a connection it keeps open. When that process dies its connection closes, the
 * lock is released, and the next relay to try takes over from the shared checkpoint. Advisory
 * locks write nothing, so holding one does not hold back the gap-safe readers.
 */
public class RelayLeadership {

    private static final Logger LOG = Logger.getLogger(RelayLeadership.class);
    /** First half of the two-int advisory lock key: this application's namespace ("LIST"). */
    private static final int NAMESPACE = 0x4C495354;

    private final Pool pool;
    private final String name;
    private final int key;
    private SqlConnection held;
    private volatile boolean released;
    /** Counts the times this relay took the lock: what it read while holding it stays true until it loses it. */
    private volatile long term;

    public RelayLeadership(Pool pool, String name) {
        this.pool = pool;
        this.name = name;
        this.key = name.hashCode();
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
        if (held != null) {
            return held.query("SELECT 1").execute()
                    .replaceWith(true)
                    .onFailure().recoverWithUni(lost -> {
                        LOG.warnf("Relay %s lost its leadership connection: %s", name, lost.getMessage());
                        held = null;
                        return Uni.createFrom().item(false);
                    });
        }
        return pool.getConnection().chain(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_lock($1, $2)")
                .execute(Tuple.of(NAMESPACE, key))
                .map(rows -> rows.iterator().next().getBoolean(0))
                .call(won -> won ? Uni.createFrom().voidItem() : connection.close())
                .chain(won -> {
                    if (won && released) {
                        // Released while the lock was being taken: give it straight back.
                        return unlock(connection).replaceWith(false);
                    }
                    if (won) {
                        held = connection;
                        term++;
                        LOG.infof("Relay %s is now the active publisher", name);
                    }
                    return Uni.createFrom().item(won);
                })
                .onFailure().call(connection::close));
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

    /** Unlocks before the connection goes back to the pool, where the lock would otherwise stay. */
    private Uni<Void> unlock(SqlConnection connection) {
        return connection.preparedQuery("SELECT pg_advisory_unlock($1, $2)").execute(Tuple.of(NAMESPACE, key))
                .onFailure().recoverWithNull()
                .call(connection::close)
                .replaceWithVoid();
    }
}
