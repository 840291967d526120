package com.agilex.listings.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Saves snapshots of a stream's state, as JSON of a given shape version, one row per snapshot
 * version (loads read the newest, time travel the newest at or before its point). A snapshot
 * whose shape version is not the one asked for is ignored when read
 * ({@link EventStore#readFromSnapshot}, {@link EventStore#readAt}): the state's shape changed since.
 */
@ApplicationScoped
public class Snapshots {

    /** A stream's state as of {@code version}, serialized. */
    public record Snapshot(long version, String state) {
    }

    /** A snapshot taken again at the same version (another process, or a new shape) replaces the old one. */
    private static final String SAVE = """
            INSERT INTO snapshots (stream_id, version, shape_version, state, taken_at)
            VALUES ($1, $2, $3, CAST(CAST($4 AS text) AS jsonb), now())
            ON CONFLICT (stream_id, version) DO UPDATE SET
                shape_version = EXCLUDED.shape_version, state = EXCLUDED.state, taken_at = EXCLUDED.taken_at
            WHERE snapshots.shape_version <> EXCLUDED.shape_version""";

    // The state goes as text: the client would send a Java String bound to jsonb as a JSON string.
    private final Pool pool;

    public Snapshots(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> save(UUID streamId, long version, int shapeVersion, String state) {
        return pool.preparedQuery(SAVE).execute(Tuple.of(streamId, version, shapeVersion, state)).replaceWithVoid();
    }
}
