package com.agilex.listings.projection;

import com.agilex.listings.domain.Listing;
import com.agilex.listings.domain.ListingStatus;
import com.agilex.listings.domain.Money;
import com.agilex.listings.eventstore.ListingEventCodec.UnreadableEvent;
import com.agilex.listings.contract.PublishedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one apply path of the read model (listing_view, category_stats, seller_stats,
 * seller_revenue), called by every projector entry point. A batch of events is applied in one
 * transaction that also moves each listing's listing_view.version, the record of what was
 * applied: an event at or below it is a duplicate and changes nothing. The transaction costs two
 * round trips whatever the batch size: read the batch's rows, fold the events in memory, then
 * write every table in one pipelined burst of statements.
 *
 * <p>Concurrent appliers (the Kafka consumer and {@code POST /events} in one process) are settled
 * optimistically, without row locks: a view is inserted only if absent and updated only at the
 * version it was read at; when either finds the row changed, the transaction rolls back and the
 * batch is applied again from a fresh read. Locking the rows as they were read cost PostgreSQL a
 * write per row, and gave the transaction an id from its first statement: every gap-safe reader
 * of the event store (the relay) waits behind the oldest transaction that has one.
 */
@ApplicationScoped
public class ListingProjection {

    /** What a batch did: the events applied, how many were duplicates, and those rejected. */
    public record Outcome(List<PublishedEvent> applied, int duplicates, List<Rejected> rejected) {
    }

    /**
     * An event that cannot be applied, and why; {@code outOfOrder}: an earlier event of its
     * listing has not been applied (a consumer that can be redelivered in order may retry it).
     * The Kafka projector, which receives each listing's events in order, dead-letters both kinds.
     */
    public record Rejected(PublishedEvent event, String reason, boolean outOfOrder) {
    }

    /** The statements, for one set of tables ({view}, {categories}, {sellers}, {revenue}). */
    private record Statements(String readViews, String insertViews, String updateViews, String addCategory, String refreshCategoryRange,
            String addSeller, String addRevenue, boolean announce) {

        /** {@code announce}: tell the query side's caches which views changed (the live tables only). */
        static Statements of(ReadModelTables tables, boolean announce) {
            return new Statements(named(READ_VIEWS, tables), named(INSERT_VIEWS, tables), named(UPDATE_VIEWS, tables), named(ADD_CATEGORY, tables),
                    named(REFRESH_CATEGORY_RANGE, tables), named(ADD_SELLER, tables), named(ADD_REVENUE, tables), announce);
        }

        private static String named(String sql, ReadModelTables tables) {
            return sql.replace("{view}", tables.listingView()).replace("{categories}", tables.categoryStats())
                    .replace("{sellers}", tables.sellerStats()).replace("{revenue}", tables.sellerRevenue());
        }
    }

    private static final String READ_VIEWS = """
            SELECT id, seller_id, title, description, category, price_amount, currency, status, buyer_id, reserved_until, version
            FROM {view} WHERE id = ANY($1)""";

    /** Views arrive as one array per column, unnested into rows. */
    private static final String VIEW_ROWS = """
            unnest(CAST($1 AS uuid[]), CAST($2 AS text[]), CAST($3 AS text[]), CAST($4 AS text[]),
                   CAST($5 AS text[]), CAST($6 AS text[]), CAST($7 AS text[]), CAST($8 AS text[]),
                   CAST($9 AS text[]), CAST($10 AS bigint[]), CAST($11 AS timestamptz[]), CAST($12 AS timestamptz[]),
                   CAST($13 AS bigint[]), CAST($14 AS timestamptz[]))
            AS incoming(id, seller_id, title, description, category, price, currency, status, buyer_id, version,
                   created_at, updated_at, read_version, reserved_until)""";

    /** New views, in one statement; a view another applier inserted first is left alone (and counted out). */
    private static final String INSERT_VIEWS = """
            INSERT INTO {view} (id, seller_id, title, description, category, price_amount, currency,
                                status, buyer_id, reserved_until, version, created_at, updated_at, search)
            SELECT id, seller_id, title, description, category, CAST(price AS numeric), currency,
                   status, buyer_id, reserved_until, version, created_at, updated_at, to_tsvector('simple', title || ' ' || description)
            FROM""" + " " + VIEW_ROWS + " ON CONFLICT (id) DO NOTHING";

    /**
     * Changed views, in one statement, each only at the version it was read at; the words are
     * indexed again only when they changed.
     */
    private static final String UPDATE_VIEWS = """
            UPDATE {view} AS v SET
                title = incoming.title, description = incoming.description, category = incoming.category,
                price_amount = CAST(incoming.price AS numeric), currency = incoming.currency, status = incoming.status,
                buyer_id = incoming.buyer_id, reserved_until = incoming.reserved_until, version = incoming.version, updated_at = incoming.updated_at,
                search = CASE WHEN v.title = incoming.title AND v.description = incoming.description THEN v.search
                              ELSE to_tsvector('simple', incoming.title || ' ' || incoming.description) END
            FROM""" + " " + VIEW_ROWS + " WHERE v.id = incoming.id AND v.version = incoming.read_version";

    private static final String ADD_CATEGORY = """
            INSERT INTO {categories} AS c (category, currency, active_count, sold_count, active_price_sum)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (category, currency) DO UPDATE SET
                active_count = c.active_count + EXCLUDED.active_count,
                sold_count = c.sold_count + EXCLUDED.sold_count,
                active_price_sum = c.active_price_sum + EXCLUDED.active_price_sum""";

    /** Min and max cannot be kept by deltas: two index probes (listing_view_active_price_idx). */
    private static final String REFRESH_CATEGORY_RANGE = """
            UPDATE {categories} SET
                min_price = (SELECT min(price_amount) FROM {view} WHERE category = $1 AND currency = $2
                             AND status IN ('PUBLISHED', 'RESERVED')),
                max_price = (SELECT max(price_amount) FROM {view} WHERE category = $1 AND currency = $2
                             AND status IN ('PUBLISHED', 'RESERVED'))
            WHERE category = $1 AND currency = $2""";

    private static final String ADD_SELLER = """
            INSERT INTO {sellers} AS s (seller_id, drafts, active, reserved, sold, withdrawn)
            SELECT * FROM unnest(CAST($1 AS text[]), CAST($2 AS bigint[]), CAST($3 AS bigint[]), CAST($4 AS bigint[]),
                                 CAST($5 AS bigint[]), CAST($6 AS bigint[]))
            ON CONFLICT (seller_id) DO UPDATE SET
                drafts = s.drafts + EXCLUDED.drafts, active = s.active + EXCLUDED.active,
                reserved = s.reserved + EXCLUDED.reserved, sold = s.sold + EXCLUDED.sold,
                withdrawn = s.withdrawn + EXCLUDED.withdrawn""";

    private static final String ADD_REVENUE = """
            INSERT INTO {revenue} AS r (seller_id, currency, sold_count, revenue) VALUES ($1, $2, $3, $4)
            ON CONFLICT (seller_id, currency) DO UPDATE SET
                sold_count = r.sold_count + EXCLUDED.sold_count,
                revenue = r.revenue + EXCLUDED.revenue""";

    /**
     * A listing as the batch has folded it so far; {@code stored}: it has a row already, at
     * {@code readVersion}.
     */
    private record Folded(Listing state, long version, Instant createdAt, Instant updatedAt, boolean stored,
            long readVersion) {
    }

    /** Another applier changed a view of the batch since it was read: apply the batch again. */
    private static final class ConcurrentApply extends RuntimeException {
        ConcurrentApply() {
            super("A view changed while the batch was applied", null, false, false);
        }
    }

    /** How many times a batch is applied again after losing a race with another applier. */
    private static final int CONCURRENT_APPLY_RETRIES = 10;

    private static final Statements LIVE = Statements.of(ReadModelTables.LIVE, true);

    private final Pool pool;

    public ListingProjection(Pool pool) {
        this.pool = pool;
    }

    /** Applies events in order to the live tables. Fails only on a transient fault (nothing is then written). */
    public Uni<Outcome> apply(List<PublishedEvent> events) {
        return apply(events, LIVE, null);
    }

    /** For a rebuild's transactions: the pools' statement timeout bounds requests, not a rebuild's large batches. */
    static final String NO_STATEMENT_TIMEOUT = "SET LOCAL statement_timeout TO 0";

    /**
     * Applies events in order to a rebuild's shadow tables. Their commits do not wait for the
     * disk: a crash loses only rebuild progress, and the rebuild starts over.
     */
    public Uni<Outcome> apply(List<PublishedEvent> events, ReadModelTables tables) {
        return apply(events, Statements.of(tables, false), "SET LOCAL synchronous_commit TO OFF; " + NO_STATEMENT_TIMEOUT);
    }

    private Uni<Outcome> apply(List<PublishedEvent> events, Statements sql, String setting) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Outcome(List.of(), 0, List.of()));
        }
        UUID[] ids = events.stream().map(PublishedEvent::listingId).distinct().toArray(UUID[]::new);
        return pool.withTransaction(connection -> (setting == null
                        ? Uni.createFrom().voidItem()
                        : connection.query(setting).execute().replaceWithVoid())
                .chain(() -> connection.preparedQuery(sql.readViews())
                .execute(Tuple.of(ids))
                .chain(rows -> {
                    var folded = new HashMap<UUID, Folded>();
                    rows.forEach(row -> folded.put(row.getUUID("id"), new Folded(toListing(row), row.getLong("version"),
                            null, null, true, row.getLong("version"))));
                    var changed = new LinkedHashMap<UUID, Folded>();
                    var stats = new StatsChanges();
                    var applied = new ArrayList<PublishedEvent>();
                    int duplicates = 0;
                    var rejected = new ArrayList<Rejected>();
                    for (PublishedEvent event : events) {
                        Folded before = folded.getOrDefault(event.listingId(),
                                new Folded(Listing.INITIAL, 0, null, null, false, 0));
                        if (event.version() <= before.version()) {
                            duplicates++;
                            continue;
                        }
                        if (event.version() != before.version() + 1) {
                            rejected.add(new Rejected(event, "Listing " + event.listingId() + " is at version "
                                    + before.version() + " in the read model; version " + event.version() + " cannot follow it", true));
                            continue;
                        }
                        Listing after;
                        try {
                            after = evolve(before.state(), event);
                        } catch (UnreadableEvent e) {
                            rejected.add(new Rejected(event, e.getMessage(), false));
                            continue;
                        }
                        stats.add(before.state(), after);
                        Instant createdAt = before.version() == 0 ? event.recordedAt() : before.createdAt();
                        var next = new Folded(after, event.version(), createdAt, event.recordedAt(), before.stored(),
                                before.readVersion());
                        folded.put(event.listingId(), next);
                        changed.put(event.listingId(), next);
                        applied.add(event);
                    }
                    return write(connection, sql, changed, stats).replaceWith(new Outcome(applied, duplicates, rejected));
                })))
                .onFailure(ConcurrentApply.class).retry().atMost(CONCURRENT_APPLY_RETRIES);
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

    private Uni<Void> write(SqlConnection connection, Statements sql, Map<UUID, Folded> changed, StatsChanges stats) {
        var categories = new ArrayList<Tuple>();
        var ranges = new ArrayList<Tuple>();
        stats.categories.forEach((key, change) -> {
            categories.add(Tuple.of(key.category(), key.currency(), change.active, change.sold, change.activePriceSum));
            ranges.add(Tuple.of(key.category(), key.currency()));
        });
        var revenue = new ArrayList<Tuple>();
        stats.revenue.forEach((key, change) ->
                revenue.add(Tuple.of(key.sellerId(), key.currency(), change.sold, change.revenue)));
        var inserted = new LinkedHashMap<UUID, Folded>();
        var updated = new LinkedHashMap<UUID, Folded>();
        changed.forEach((id, listing) -> (listing.stored() ? updated : inserted).put(id, listing));
        // Sent together, without waiting between them (the connection pipelines them), and run in
        // this order: the ranges read the views written just before them.
        List<Uni<Void>> writes = List.of(
                views(connection, sql.insertViews(), inserted),
                views(connection, sql.updateViews(), updated),
                batch(connection, sql.addCategory(), categories),
                batch(connection, sql.refreshCategoryRange(), ranges),
                sellers(connection, sql, stats),
                batch(connection, sql.addRevenue(), revenue),
                batch(connection, ViewsChanged.NOTIFY, sql.announce()
                        ? ViewsChanged.payloads(versions(changed)).stream().map(Tuple::of).toList()
                        : List.of()));
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    private static Map<UUID, Long> versions(Map<UUID, Folded> changed) {
        var versions = new LinkedHashMap<UUID, Long>();
        changed.forEach((id, folded) -> versions.put(id, folded.version()));
        return versions;
    }

    /** Writes the views; fails with ConcurrentApply when fewer rows than given were written. */
    private static Uni<Void> views(SqlConnection connection, String sql, Map<UUID, Folded> views) {
        if (views.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(sql).execute(viewColumns(views)).invoke(rows -> {
            if (rows.rowCount() != views.size()) {
                throw new ConcurrentApply();
            }
        }).replaceWithVoid();
    }

    /** Views as one array per column, for VIEW_ROWS. */
    private static Tuple viewColumns(Map<UUID, Folded> changed) {
        int n = changed.size();
        var ids = new UUID[n];
        var sellers = new String[n];
        var titles = new String[n];
        var descriptions = new String[n];
        var categories = new String[n];
        var prices = new String[n];
        var currencies = new String[n];
        var statuses = new String[n];
        var buyers = new String[n];
        var versions = new Long[n];
        var created = new OffsetDateTime[n];
        var updated = new OffsetDateTime[n];
        var readVersions = new Long[n];
        var holdEnds = new OffsetDateTime[n];
        int i = 0;
        for (var entry : changed.entrySet()) {
            Folded listing = entry.getValue();
            Listing state = listing.state();
            ids[i] = entry.getKey();
            sellers[i] = state.sellerId();
            titles[i] = state.title();
            descriptions[i] = state.description();
            categories[i] = state.category();
            prices[i] = state.price().amount().toPlainString();
            currencies[i] = state.price().currency().getCurrencyCode();
            statuses[i] = state.status().name();
            buyers[i] = state.buyerId();
            versions[i] = listing.version();
            // created_at only counts on insert: the update never sets it.
            created[i] = (listing.createdAt() != null ? listing.createdAt() : listing.updatedAt()).atOffset(ZoneOffset.UTC);
            updated[i] = listing.updatedAt().atOffset(ZoneOffset.UTC);
            readVersions[i] = listing.readVersion();
            holdEnds[i] = state.reservedUntil() == null ? null : state.reservedUntil().atOffset(ZoneOffset.UTC);
            i++;
        }
        return Tuple.of(ids, sellers, titles, descriptions, categories, prices)
                .addValue(currencies).addValue(statuses).addValue(buyers).addValue(versions)
                .addValue(created).addValue(updated).addValue(readVersions).addValue(holdEnds);
    }

    /** The seller rows that changed, in one statement (one array per column). */
    private static Uni<Void> sellers(SqlConnection connection, Statements sql, StatsChanges stats) {
        var ids = new ArrayList<String>();
        var counts = new ArrayList<List<Long>>();
        for (int s = 0; s < ListingStatus.values().length; s++) {
            counts.add(new ArrayList<>());
        }
        stats.sellers.forEach((seller, change) -> {
            if (Arrays.stream(change.byStatus).anyMatch(count -> count != 0)) {
                ids.add(seller);
                for (int s = 0; s < change.byStatus.length; s++) {
                    counts.get(s).add(change.byStatus[s]);
                }
            }
        });
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(sql.addSeller()).execute(Tuple.of(ids.toArray(String[]::new),
                        column(counts, ListingStatus.DRAFT), column(counts, ListingStatus.PUBLISHED),
                        column(counts, ListingStatus.RESERVED), column(counts, ListingStatus.SOLD),
                        column(counts, ListingStatus.WITHDRAWN)))
                .replaceWithVoid();
    }

    private static Long[] column(List<List<Long>> counts, ListingStatus status) {
        return counts.get(status.ordinal()).toArray(Long[]::new);
    }

    /** One statement for many rows, pipelined: one round trip. */
    private static Uni<Void> batch(SqlConnection connection, String sql, List<Tuple> rows) {
        return rows.isEmpty()
                ? Uni.createFrom().voidItem()
                : connection.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
    }

    private static Listing toListing(Row row) {
        return new Listing(row.getString("seller_id"), row.getString("title"), row.getString("description"),
                row.getString("category"), ListingViewRows.price(row), ListingStatus.valueOf(row.getString("status")),
                row.getString("buyer_id"), ListingViewRows.reservedUntil(row));
    }
}
