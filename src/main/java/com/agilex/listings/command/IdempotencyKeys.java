package com.agilex.listings.command;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The idempotency_keys table: claim a key, store its answer, read it back, purge expired keys.
 * Each claim has an id, and only the current claim may complete or release the key: a request
 * whose abandoned claim another request took over cannot store an answer, so its append rolls back.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** The stored answer to a key, or its state while the first request runs. */
    public record Stored(String requestHash, boolean done, int status, UUID listingId, long version) {
    }

    /** Takes a key that is new, expired, or abandoned in flight; returns a row only if it did. */
    private static final String CLAIM = """
            INSERT INTO idempotency_keys (principal, key, request_hash, state, claimed_at, expires_at, claim)
            VALUES ($1, $2, $3, 'IN_FLIGHT', now(), now() + CAST(CAST($4 AS text) AS interval), $6)
            ON CONFLICT (principal, key) DO UPDATE SET
                request_hash = EXCLUDED.request_hash, state = 'IN_FLIGHT', status = NULL, listing_id = NULL,
                version = NULL, claimed_at = now(), expires_at = EXCLUDED.expires_at, claim = EXCLUDED.claim
            WHERE idempotency_keys.expires_at < now()
               OR (idempotency_keys.state = 'IN_FLIGHT' AND idempotency_keys.claimed_at < now() - CAST(CAST($5 AS text) AS interval))
            RETURNING 1""";

    private static final String FIND = """
            SELECT request_hash, state, status, listing_id, version FROM idempotency_keys
            WHERE principal = $1 AND key = $2""";

    private static final String COMPLETE = """
            UPDATE idempotency_keys SET state = 'DONE', status = $4, listing_id = $5, version = $6
            WHERE principal = $1 AND key = $2 AND claim = $3""";

    private static final String RELEASE =
            "DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2 AND claim = $3 AND state = 'IN_FLIGHT'";

    private static final String PURGE = "DELETE FROM idempotency_keys WHERE expires_at < now()";

    private final Pool pool;
    private final IdempotencyConfig config;

    public IdempotencyKeys(Pool pool, IdempotencyConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** The new claim's id, or nothing when another request holds the key or it is done. */
    public Uni<Optional<UUID>> claim(String principal, String key, String requestHash) {
        UUID claim = UUID.randomUUID();
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.from(List.of(principal, key, requestHash, config.ttl().toSeconds() + " seconds",
                        config.abandonedAfter().toMillis() + " milliseconds", claim)))
                .map(rows -> rows.rowCount() > 0 ? Optional.of(claim) : Optional.empty());
    }

    public Uni<Optional<Stored>> find(String principal, String key) {
        return pool.preparedQuery(FIND).execute(Tuple.of(principal, key)).map(rows -> {
            var found = rows.iterator();
            return found.hasNext() ? Optional.of(toStored(found.next())) : Optional.empty();
        });
    }

    /**
     * Stores the answer through {@code client}: a connection in the transaction that appends the
     * command's events, or the pool for a command that appended nothing.
     */
    public Uni<Void> complete(SqlClient client, String principal, String key, UUID claim, int status, UUID listingId, long version) {
        return client.preparedQuery(COMPLETE)
                .execute(Tuple.from(List.of(principal, key, claim, status, listingId, version)))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        // Another request took the key over: this one must not be acknowledged (its append rolls back).
                        throw new IdempotencyRejection.KeyInUse();
                    }
                })
                .replaceWithVoid();
    }

    public Uni<Void> complete(String principal, String key, UUID claim, int status, UUID listingId, long version) {
        return complete(pool, principal, key, claim, status, listingId, version);
    }

    /** Gives the key up after a failed request, so that the client may retry with it (unless another request holds it now). */
    public Uni<Void> release(String principal, String key, UUID claim) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(principal, key, claim)).replaceWithVoid();
    }

    public Uni<Integer> purgeExpired() {
        return pool.query(PURGE).execute().map(rows -> rows.rowCount());
    }

    private static Stored toStored(Row row) {
        boolean done = "DONE".equals(row.getString(1));
        return new Stored(row.getString(0), done,
                done ? row.getInteger(2) : 0,
                done ? row.getUUID(3) : null,
                done ? row.getLong(4) : 0);
    }
}
