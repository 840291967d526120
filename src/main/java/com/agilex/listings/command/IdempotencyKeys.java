package com.agilex.listings.command;

import com.agilex.listings.eventstore.WriteSessions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The idempotency_keys table: claim a key, store its answer, read it back, purge expired keys. */
@ApplicationScoped
public class IdempotencyKeys {

    /** The stored answer to a key, or its state while the first request runs. */
    public record Stored(String requestHash, boolean done, int status, UUID listingId, long version) {
    }

    /** Takes a key that is new, expired, or abandoned in flight; returns a row only if it did. */
    private static final String CLAIM = """
            INSERT INTO idempotency_keys (principal, key, request_hash, state, claimed_at, expires_at)
            VALUES (:principal, :key, :hash, 'IN_FLIGHT', now(), now() + CAST(CAST(:ttl AS text) AS interval))
            ON CONFLICT (principal, key) DO UPDATE SET
                request_hash = EXCLUDED.request_hash, state = 'IN_FLIGHT', status = NULL, listing_id = NULL,
                version = NULL, claimed_at = now(), expires_at = EXCLUDED.expires_at
            WHERE idempotency_keys.expires_at < now()
               OR (idempotency_keys.state = 'IN_FLIGHT' AND idempotency_keys.claimed_at < now() - CAST(CAST(:abandoned AS text) AS interval))
            RETURNING 1""";

    private static final String FIND = """
            SELECT request_hash, state, status, CAST(listing_id AS text), version FROM idempotency_keys
            WHERE principal = :principal AND key = :key""";

    private static final String COMPLETE = """
            UPDATE idempotency_keys SET state = 'DONE', status = :status, listing_id = :listingId, version = :version
            WHERE principal = :principal AND key = :key""";

    private static final String RELEASE =
            "DELETE FROM idempotency_keys WHERE principal = :principal AND key = :key AND state = 'IN_FLIGHT'";

    private static final String PURGE = "DELETE FROM idempotency_keys WHERE expires_at < now()";

    private final WriteSessions sessions;
    private final IdempotencyConfig config;

    public IdempotencyKeys(WriteSessions sessions, IdempotencyConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    public Uni<Boolean> claim(String principal, String key, String requestHash) {
        return sessions.withTransaction(session -> session.<Object>createNativeQuery(CLAIM)
                .setParameter("principal", principal)
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .setParameter("ttl", config.ttl().toSeconds() + " seconds")
                .setParameter("abandoned", config.abandonedAfter().toMillis() + " milliseconds")
                .getResultList()
                .map(rows -> !rows.isEmpty()));
    }

    public Uni<Optional<Stored>> find(String principal, String key) {
        return sessions.withSession(session -> session.<Object[]>createNativeQuery(FIND)
                .setParameter("principal", principal)
                .setParameter("key", key)
                .getResultList()
                .map(rows -> rows.stream().findFirst().map(IdempotencyKeys::toStored)));
    }

    /** Stores the answer; run it in the transaction that appends the command's events. */
    public Uni<Void> complete(Mutiny.Session session, String principal, String key, int status, UUID listingId, long version) {
        return session.createNativeQuery(COMPLETE)
                .setParameter("principal", principal)
                .setParameter("key", key)
                .setParameter("status", status)
                .setParameter("listingId", listingId)
                .setParameter("version", version)
                .executeUpdate()
                .replaceWithVoid();
    }

    public Uni<Void> complete(String principal, String key, int status, UUID listingId, long version) {
        return sessions.withTransaction(session -> complete(session, principal, key, status, listingId, version));
    }

    /** Gives the key up after a failed request, so that the client may retry with it. */
    public Uni<Void> release(String principal, String key) {
        return sessions.withTransaction(session -> session.createNativeQuery(RELEASE)
                .setParameter("principal", principal)
                .setParameter("key", key)
                .executeUpdate()
                .replaceWithVoid());
    }

    public Uni<Integer> purgeExpired() {
        return sessions.withTransaction(session -> session.createNativeQuery(PURGE).executeUpdate());
    }

    private static Stored toStored(Object[] row) {
        boolean done = "DONE".equals(row[1]);
        return new Stored((String) row[0], done,
                done ? ((Number) row[2]).intValue() : 0,
                done ? UUID.fromString((String) row[3]) : null,
                done ? ((Number) row[4]).longValue() : 0);
    }
}
