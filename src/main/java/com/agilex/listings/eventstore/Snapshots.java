package com.agilex.listings.eventstore;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * The newest snapshot of a stream's state, as JSON of a given shape version. A snapshot whose
 * shape version is not the one asked for is ignored (the state's shape changed since).
 */
@ApplicationScoped
public class Snapshots {

    /** A stream's state as of {@code version}, serialized. */
    public record Snapshot(long version, String state) {
    }

    private static final String LOAD = """
            SELECT version, CAST(state AS text) FROM snapshots
            WHERE stream_id = :stream AND shape_version = :shape""";

    /** Keeps only the newest: an older snapshot never replaces a newer one. */
    private static final String SAVE = """
            INSERT INTO snapshots (stream_id, version, shape_version, state, taken_at)
            VALUES (:stream, :version, :shape, CAST(CAST(:state AS text) AS jsonb), now())
            ON CONFLICT (stream_id) DO UPDATE SET
                version = EXCLUDED.version, shape_version = EXCLUDED.shape_version, state = EXCLUDED.state,
                taken_at = EXCLUDED.taken_at
            WHERE snapshots.version < EXCLUDED.version OR snapshots.shape_version <> EXCLUDED.shape_version""";

    private final WriteSessions sessions;

    public Snapshots(WriteSessions sessions) {
        this.sessions = sessions;
    }

    public Uni<Optional<Snapshot>> load(UUID streamId, int shapeVersion) {
        return sessions.withSession(session -> session.<Object[]>createNativeQuery(LOAD)
                .setParameter("stream", streamId)
                .setParameter("shape", shapeVersion)
                .getResultList()
                .map(rows -> rows.stream().findFirst()
                        .map(row -> new Snapshot(((Number) row[0]).longValue(), (String) row[1]))));
    }

    public Uni<Void> save(UUID streamId, long version, int shapeVersion, String state) {
        return sessions.withTransaction(session -> session.createNativeQuery(SAVE)
                .setParameter("stream", streamId)
                .setParameter("version", version)
                .setParameter("shape", shapeVersion)
                .setParameter("state", state)
                .executeUpdate()
                .replaceWithVoid());
    }
}
