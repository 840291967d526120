package com.agilex.listings.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The log measured, and the SQL with which the read side compares its tables to it. With
 * {@link EventStore} (the reads and the append), the only code that names the events table.
 */
@ApplicationScoped
public class LogQueries {

    /**
     * Every committed event after a reader's checkpoint ($1 the reader): not fenced like the
     * gap-safe read, since events waiting behind an older transaction still in flight are unread
     * too, and that wait is what must show.
     */
    private static final String BACKLOG = """
            WITH checkpoint AS (
                SELECT coalesce(max(tx_id), 0) AS after_tx, coalesce(max(global_position), 0) AS after_position
                FROM reader_checkpoints WHERE reader = $1)
            SELECT count(*), CAST(coalesce(EXTRACT(EPOCH FROM now() - min(recorded_at)), 0) AS double precision)
            FROM events, checkpoint WHERE """ + EventStore.afterPosition("after_tx", "after_position");

    private static final String COUNT = "SELECT count(*) FROM events";

    /** The listing events (stream_id, version, recorded_at), as a table expression. */
    public static final String LISTING_EVENTS =
            "(SELECT stream_id, version, recorded_at FROM events WHERE event_type LIKE 'Listing%')";

    /** Events a reader has still to read, and the age of the oldest in seconds (zeros when none). */
    public record Backlog(long events, double oldestSeconds) {
    }

    private final Pool pool;

    public LogQueries(Pool pool) {
        this.pool = pool;
    }

    /** What is committed after the reader's checkpoint (all of the log for a reader never seen). */
    public Uni<Backlog> backlog(String reader) {
        return pool.preparedQuery(BACKLOG).execute(Tuple.of(reader)).map(rows -> {
            Row row = rows.iterator().next();
            return new Backlog(row.getLong(0), row.getDouble(1));
        });
    }

    /** How many events the log holds, through {@code client} (a connection with its own statement timeout, say). */
    public static Uni<Long> count(SqlClient client) {
        return client.query(COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** The newest version of a stream (null when it has no events); {@code streamId} is an SQL expression. */
    public static String streamVersion(String streamId) {
        return "(SELECT max(version) FROM events WHERE stream_id = " + streamId + ")";
    }
}
