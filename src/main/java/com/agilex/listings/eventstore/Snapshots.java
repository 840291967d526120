package com.agilex.listings.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Saves the newest snapshot of a stream's state, as JSON of a given shape version. A snapshot whose
 * shape version is not the one asked for is ignored when read ({@link EventStore#readFromSnapshot}):
 * the state's shape changed since.
 */
@ApplicationScoped
public class Snapshots {

    /** A stream's state as of {@code version}, serialized. */
    public record Snapshot(long version, String state) {
    }

    /** Keeps only the newest: an older snapshot never replaces a newer one. */
    private static final String SAVE = """
            INSERT INTO snapshots (stream_id, version, shape_version, state, taken_at)
            VALUES ($1, $2, $3, CAST(CAST($4 AS text) AS jsonb), now())
            ON CONFLICT (stream_id) DO UPDATE SET
                version = EXCLUDED.version, shape_version = EXCLUDED.shape_version, state = EXCLUDED.state,
                taken_at = EXCLUDED.taken_at
            WHERE snapshots.version < EXCLUDED.version OR snapshots.shape_version <> EXCLUDED.shape_version""";

    // The state goes as text: the client would send a Java String bound to jsonb as a JSON string.
    private final Pool pool;

    public Snapshots(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> save(UUID streamId, long version, int shapeVersion, String state) {
        return pool.preparedQuery(SAVE).execute(Tuple.of(streamId, version, shapeVersion, state)).replaceWithVoid();
    }
}
