package com.agilex.listings.projection;

import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.LogQueries;
import com.agilex.listings.eventstore.ListingEventCodec.UnreadableEvent;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.contract.PublishedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Listings whose view is stuck behind the event store because one of their events was
 * dead-lettered: every later event of theirs is dead-lettered too, as it cannot follow a version
 * the view never reached. The projector parks a listing as it dead-letters (table
 * parked_listings); an operator lists them and, after a fix (a new version that reads the event,
 * or a corrected record), replays them. A replay reads each listing's events from the event
 * store, the source of truth, not from the dead-letter topic: the store holds every event in
 * order, while the topic holds only what failed, and maybe some of it twice.
 */
@ApplicationScoped
public class ParkedListings {

    /** A parked listing: where its view stands, where its stream ends, and why. */
    public record Parked(UUID listingId, long viewVersion, long storeVersion, long parkedAtVersion, long deadLettered,
            String reason, Instant parkedAt, Instant lastDeadLetterAt) {
    }

    /** A listing's event that went to the dead-letter topic, and why. */
    public record DeadLetter(UUID listingId, String reason) {
    }

    /** What a replay did: listings tried, events applied, and those still parked (with why). */
    public record Replay(int listings, int eventsApplied, List<Parked> stillParked) {
    }

    /** The most listings one replay (and one listing of them) takes: run it again for more. */
    public static final int PAGE = 100;

    private static final String PARK = """
            INSERT INTO parked_listings (listing_id, parked_at_version, reason)
            VALUES ($1, coalesce((SELECT version FROM listing_view WHERE id = $1), 0), $2)
            ON CONFLICT (listing_id) DO UPDATE SET reason = EXCLUDED.reason,
                dead_lettered = parked_listings.dead_lettered + 1, last_dead_letter_at = now()""";

    /** Parked and still behind the store: a rebuild or a replay may have caught a listing up since. */
    private static final String BEHIND = """
            FROM parked_listings p
            JOIN LATERAL (SELECT """ + LogQueries.streamVersion("p.listing_id") + """
             AS version) s ON true
            LEFT JOIN listing_view v ON v.id = p.listing_id
            WHERE s.version > coalesce(v.version, 0)""";

    private static final String LIST = """
            SELECT p.listing_id, coalesce(v.version, 0) AS view_version, s.version AS store_version, p.parked_at_version,
                   p.dead_lettered, p.reason, p.parked_at, p.last_dead_letter_at
            """ + BEHIND + " ORDER BY p.parked_at, p.listing_id LIMIT $1";

    private static final String COUNT = "SELECT count(*) " + BEHIND;

    private static final String FORGET_CAUGHT_UP = """
            DELETE FROM parked_listings p
            WHERE coalesce(""" + LogQueries.streamVersion("p.listing_id") + """
            , 0) <= coalesce((SELECT version FROM listing_view WHERE id = p.listing_id), 0)""";

    private static final String REASON = "UPDATE parked_listings SET reason = $2 WHERE listing_id = $1";

    private static final String IS_PARKED = "SELECT 1 FROM parked_listings WHERE listing_id = $1";

    private final Pool pool;
    private final EventStore store;
    private final ListingEventCodec codec;
    private final ListingProjection projection;

    public ParkedListings(Pool pool, EventStore store, ListingEventCodec codec, ListingProjection projection) {
        this.pool = pool;
        this.store = store;
        this.codec = codec;
        this.projection = projection;
    }

    /** Parks each listing with the reason its event was dead-lettered (again: counts one more). */
    public Uni<Void> park(List<DeadLetter> deadLetters) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (DeadLetter deadLetter : deadLetters) {
            chain = chain.chain(() -> pool.preparedQuery(PARK).execute(Tuple.of(deadLetter.listingId(), deadLetter.reason()))
                    .replaceWithVoid());
        }
        return chain;
    }

    /** Whether the listing is parked: its view waits for a replay from the event store. */
    public Uni<Boolean> isParked(UUID listingId) {
        return pool.preparedQuery(IS_PARKED).execute(Tuple.of(listingId)).map(rows -> rows.rowCount() > 0);
    }

    /** The parked listings still behind the store, oldest first. */
    public Uni<List<Parked>> list() {
        return pool.preparedQuery(LIST).execute(Tuple.of(PAGE)).map(rows -> {
            var parked = new ArrayList<Parked>();
            rows.forEach(row -> parked.add(parked(row)));
            return parked;
        });
    }

    public Uni<Long> count() {
        return pool.query(COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Applies each parked listing's events after its view's version, from the event store, through
     * the one apply path; forgets the listings that caught up. A listing whose next event still
     * cannot be read or applied stays parked, with the new reason.
     */
    public Uni<Replay> replay() {
        return list().chain(parked -> Multi.createFrom().iterable(parked)
                .onItem().transformToUniAndConcatenate(this::replay)
                .collect().with(Collectors.summingInt(Integer::intValue))
                .chain(applied -> pool.query(FORGET_CAUGHT_UP).execute()
                        .chain(() -> list())
                        .map(still -> new Replay(parked.size(), applied, still))));
    }

    /** Replays one listing; how many of its events were applied. */
    private Uni<Integer> replay(Parked parked) {
        return store.readStream(parked.listingId(), parked.viewVersion(), PAGE).chain(stored -> {
            var readable = new ArrayList<PublishedEvent>();
            String unreadable = null;
            for (RecordedEvent event : stored) {
                try {
                    readable.add(PublishedEvent.of(event, codec));
                } catch (UnreadableEvent e) {
                    // Events apply in order: nothing after one that still cannot be read.
                    unreadable = e.getMessage();
                    break;
                }
            }
            String stillUnreadable = unreadable;
            return projection.apply(readable).chain(outcome -> {
                String reason = !outcome.rejected().isEmpty() ? outcome.rejected().getFirst().reason() : stillUnreadable;
                Uni<Void> noted = reason == null ? Uni.createFrom().voidItem()
                        : pool.preparedQuery(REASON).execute(Tuple.of(parked.listingId(), reason)).replaceWithVoid();
                return noted.replaceWith(outcome.applied().size());
            });
        });
    }

    private static Parked parked(Row row) {
        return new Parked(row.getUUID("listing_id"), row.getLong("view_version"), row.getLong("store_version"),
                row.getLong("parked_at_version"), row.getLong("dead_lettered"), row.getString("reason"),
                row.getOffsetDateTime("parked_at").toInstant(), row.getOffsetDateTime("last_dead_letter_at").toInstant());
    }
}
