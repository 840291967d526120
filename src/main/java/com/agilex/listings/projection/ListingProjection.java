package com.agilex.listings.projection;

import com.agilex.listings.domain.Listing;
import com.agilex.listings.domain.ListingStatus;
import com.agilex.listings.domain.Money;
import com.agilex.listings.eventstore.ListingEventCodec.UnreadableEvent;
import com.agilex.listings.relay.PublishedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The one apply path of the read model (listing_view, category_stats, seller_stats,
 * seller_revenue), called by every projector entry point. Each event is applied in one
 * transaction that also moves listing_view.version, the record of what was applied: an event at
 * or below that version is a duplicate and changes nothing.
 */
@ApplicationScoped
public class ListingProjection {

    private static final String LOCK_VIEW = """
            SELECT seller_id, title, description, category, price_amount, currency, status, buyer_id, version
            FROM listing_view WHERE id = $1 FOR UPDATE""";

    private static final String UPSERT_VIEW = """
            INSERT INTO listing_view (id, seller_id, title, description, category, price_amount, currency,
                                      status, buyer_id, version, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
            ON CONFLICT (id) DO UPDATE SET
                title = EXCLUDED.title, description = EXCLUDED.description, category = EXCLUDED.category,
                price_amount = EXCLUDED.price_amount, currency = EXCLUDED.currency, status = EXCLUDED.status,
                buyer_id = EXCLUDED.buyer_id, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at""";

    private static final String ADD_CATEGORY = """
            INSERT INTO category_stats (category, currency, active_count, sold_count, active_price_sum)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (category, currency) DO UPDATE SET
                active_count = category_stats.active_count + EXCLUDED.active_count,
                sold_count = category_stats.sold_count + EXCLUDED.sold_count,
                active_price_sum = category_stats.active_price_sum + EXCLUDED.active_price_sum""";

    /** Min and max cannot be maintained by deltas: two index probes (listing_view_active_price_idx). */
    private static final String REFRESH_CATEGORY_RANGE = """
            UPDATE category_stats SET
                min_price = (SELECT min(price_amount) FROM listing_view WHERE category = $1 AND currency = $2
                             AND status IN ('PUBLISHED', 'RESERVED')),
                max_price = (SELECT max(price_amount) FROM listing_view WHERE category = $1 AND currency = $2
                             AND status IN ('PUBLISHED', 'RESERVED'))
            WHERE category = $1 AND currency = $2""";

    private static final String ADD_REVENUE = """
            INSERT INTO seller_revenue (seller_id, currency, sold_count, revenue) VALUES ($1, $2, $3, $4)
            ON CONFLICT (seller_id, currency) DO UPDATE SET
                sold_count = seller_revenue.sold_count + EXCLUDED.sold_count,
                revenue = seller_revenue.revenue + EXCLUDED.revenue""";

    private final Pool pool;

    public ListingProjection(Pool pool) {
        this.pool = pool;
    }

    /**
     * Applies one event. Fails with {@link UnreadableEvent} or {@link OutOfOrderEvent} when the
     * event can never be applied (the caller dead-letters it); any other failure is transient.
     */
    public Uni<ProjectionOutcome> apply(PublishedEvent event) {
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK_VIEW)
                .execute(Tuple.of(event.listingId()))
                .chain(rows -> {
                    Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    long applied = row == null ? 0 : row.getLong("version");
                    if (event.version() <= applied) {
                        return Uni.createFrom().item(ProjectionOutcome.DUPLICATE);
                    }
                    if (event.version() != applied + 1) {
                        throw new OutOfOrderEvent("Listing " + event.listingId() + " is at version " + applied
                                + " in the read model; event version " + event.version() + " cannot follow it");
                    }
                    Listing before = row == null ? Listing.INITIAL : toListing(row);
                    Listing after = evolve(before, event);
                    return write(connection, event, after, StatsDelta.between(before, after))
                            .replaceWith(ProjectionOutcome.APPLIED);
                }));
    }

    private static Listing evolve(Listing before, PublishedEvent event) {
        Listing after;
        try {
            after = before.evolve(event.event());
        } catch (RuntimeException e) {
            throw new UnreadableEvent("Event " + event.eventId() + " cannot be applied: " + e);
        }
        boolean complete = after.sellerId() != null && after.title() != null && after.description() != null
                && after.category() != null && after.price() != null;
        if (!complete) {
            throw new UnreadableEvent("Event " + event.eventId() + " leaves listing " + event.listingId()
                    + " without required fields (is its first event a ListingCreated?)");
        }
        return after;
    }

    private Uni<Void> write(SqlConnection connection, PublishedEvent event, Listing after, StatsDelta delta) {
        OffsetDateTime time = event.recordedAt().atOffset(ZoneOffset.UTC);
        var statements = new ArrayList<Uni<?>>();
        statements.add(connection.preparedQuery(UPSERT_VIEW).execute(Tuple.from(List.of(
                event.listingId(), after.sellerId(), after.title(), after.description(), after.category(),
                after.price().amount(), after.price().currency().getCurrencyCode(), after.status().name())).addValue(
                after.buyerId()).addValue(event.version()).addValue(time)));
        for (var change : delta.categories()) {
            statements.add(connection.preparedQuery(ADD_CATEGORY).execute(Tuple.of(
                    change.category(), change.currency(), change.active(), change.sold(), change.activePriceSum())));
            statements.add(connection.preparedQuery(REFRESH_CATEGORY_RANGE)
                    .execute(Tuple.of(change.category(), change.currency())));
        }
        for (var change : delta.sellers()) {
            // The column comes from a fixed set (StatsDelta.column), never from input.
            statements.add(connection.preparedQuery("INSERT INTO seller_stats (seller_id, " + change.column()
                    + ") VALUES ($1, $2) ON CONFLICT (seller_id) DO UPDATE SET " + change.column()
                    + " = seller_stats." + change.column() + " + EXCLUDED." + change.column())
                    .execute(Tuple.of(change.sellerId(), change.delta())));
        }
        for (var change : delta.revenue()) {
            statements.add(connection.preparedQuery(ADD_REVENUE).execute(Tuple.of(
                    change.sellerId(), change.currency(), change.sold(), change.revenue())));
        }
        // One connection runs its statements in order; concatenating keeps that explicit.
        Uni<?> chain = Uni.createFrom().voidItem();
        for (Uni<?> statement : statements) {
            chain = chain.chain(() -> statement);
        }
        return chain.replaceWithVoid();
    }

    private static Listing toListing(Row row) {
        var price = new Money(row.getBigDecimal("price_amount"), Currency.getInstance(row.getString("currency")));
        return new Listing(row.getString("seller_id"), row.getString("title"), row.getString("description"),
                row.getString("category"), price, ListingStatus.valueOf(row.getString("status")),
                row.getString("buyer_id"));
    }
}
