package com.agilex.listings.command;

import com.agilex.listings.domain.Listing;
import com.agilex.listings.domain.ListingStatus;
import com.agilex.listings.eventstore.WithinAppend;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * The reservation_holds table: the reservations that hold now, kept in the transaction of the
 * event that starts or ends each. It answers the two questions the event streams cannot answer
 * cheaply: which holds are over, and how many a buyer has.
 */
@ApplicationScoped
public class ReservationHolds {

    /**
     * Serializes one buyer's reservations, so that two at once cannot both pass the limit. The
     * second statement of a reservation: the count must see what the lock waited for.
     */
    private static final String LOCK_BUYER = "SELECT pg_advisory_xact_lock(hashtextextended('reservation-holds:' || $1, 0))";

    /** Records the hold unless the buyer already holds the most one may (then no row is written). */
    private static final String HOLD = """
            INSERT INTO reservation_holds (listing_id, buyer_id, expires_at)
            SELECT $1, $2, $3
            WHERE (SELECT count(*) FROM reservation_holds WHERE buyer_id = $2 AND listing_id <> $1) < $4
            ON CONFLICT (listing_id) DO UPDATE SET buyer_id = EXCLUDED.buyer_id, expires_at = EXCLUDED.expires_at""";

    private static final String END = "DELETE FROM reservation_holds WHERE listing_id = $1";

    private static final String DUE =
            "SELECT listing_id FROM reservation_holds WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2";

    private final Pool pool;
    private final ReservationConfig config;

    public ReservationHolds(Pool pool, ReservationConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /**
     * What must commit with events that take the listing from {@code before} to {@code after}: a
     * hold recorded (or the append refused with {@link ReservationLimitReached}), a hold ended, or nothing.
     */
    public WithinAppend track(UUID listingId, Listing before, Listing after) {
        boolean wasHeld = before.status() == ListingStatus.RESERVED && before.reservedUntil() != null;
        boolean isHeld = after.status() == ListingStatus.RESERVED && after.reservedUntil() != null;
        if (isHeld && (!wasHeld || !Objects.equals(before.reservedUntil(), after.reservedUntil()))) {
            return (connection, version) -> connection.preparedQuery(LOCK_BUYER).execute(Tuple.of(after.buyerId()))
                    .chain(() -> connection.preparedQuery(HOLD).execute(Tuple.of(listingId, after.buyerId(),
                            after.reservedUntil().atOffset(ZoneOffset.UTC), config.maxPerBuyer())))
                    .invoke(rows -> {
                        if (rows.rowCount() == 0) {
                            throw new ReservationLimitReached(config.maxPerBuyer());
                        }
                    })
                    .replaceWithVoid();
        }
        if (wasHeld && !isHeld) {
            return (connection, version) -> connection.preparedQuery(END).execute(Tuple.of(listingId)).replaceWithVoid();
        }
        return WithinAppend.NOTHING;
    }

    /** Listings whose hold ended at or before {@code now}, the longest over first. */
    public Uni<List<UUID>> due(Instant now, int limit) {
        return pool.preparedQuery(DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> row.getUUID(0)).toList());
    }

    /** Drops a hold its stream no longer has (the listing is not reserved, or not until then). */
    public Uni<Void> forget(UUID listingId) {
        return pool.preparedQuery(END).execute(Tuple.of(listingId)).replaceWithVoid();
    }
}
