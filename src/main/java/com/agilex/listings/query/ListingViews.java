package com.agilex.listings.query;

import com.agilex.listings.eventstore.LogQueries;
import com.agilex.listings.query.ListingSearch.Cursor;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The read tables, through the "read" datasource (a read replica in production if configured;
 * by default the same database). The query API and the consistency check use it; it only reads.
 */
@ApplicationScoped
public class ListingViews {

    /** A page of listings and the cursor of the next one (null on the last page). */
    public record Page(List<ListingView> items, String nextCursor) {
    }

    public record CategoryStats(String category, String currency, long active, long sold,
            BigDecimal minPrice, BigDecimal avgPrice, BigDecimal maxPrice) {
    }

    public record Revenue(String currency, long sold, BigDecimal amount) {
    }

    /** {@code revenue} is null for a viewer who is neither that seller nor an admin. */
    public record SellerStats(String sellerId, long drafts, long active, long reserved, long sold, long withdrawn,
            List<Revenue> revenue) {

        SellerStats withoutRevenue() {
            return new SellerStats(sellerId, drafts, active, reserved, sold, withdrawn, null);
        }
    }

    // An Instance, not the Pool: the command role deactivates the "read" datasource, and Quarkus
    // refuses to start with an inactive bean injected directly (it is only looked up on use).
    private final Instance<Pool> read;

    public ListingViews(@ReactiveDataSource("read") Instance<Pool> read) {
        this.read = read;
    }

    public Uni<Optional<ListingView>> find(UUID id) {
        return read.get().preparedQuery("SELECT " + ListingView.COLUMNS + " FROM listing_view WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(ListingView.of(rows.iterator().next())) : Optional.empty());
    }

    /** The views of these listings (those that exist). */
    public Uni<List<ListingView>> findAll(List<UUID> ids) {
        return read.get().preparedQuery("SELECT " + ListingView.COLUMNS + " FROM listing_view WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    var views = new ArrayList<ListingView>();
                    rows.forEach(row -> views.add(ListingView.of(row)));
                    return views;
                });
    }

    /** How many views have no event stream behind them. */
    public Uni<Long> countWithoutStream() {
        return read.get().query("SELECT count(*) FROM listing_view v WHERE " + LogQueries.streamVersion("v.id") + " IS NULL")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Keyset pagination: each page is an index range scan after the previous page's last row. */
    public Uni<Page> search(ListingSearch search) {
        var where = new ArrayList<String>();
        var params = Tuple.tuple();
        where.add("status = " + bind(params, search.status().name()));
        if (search.category() != null) {
            where.add("category = " + bind(params, search.category()));
        }
        if (search.sellerId() != null) {
            where.add("seller_id = " + bind(params, search.sellerId()));
        }
        if (search.currency() != null) {
            where.add("currency = " + bind(params, search.currency()));
        }
        if (search.minPrice() != null) {
            where.add("price_amount >= " + bind(params, search.minPrice()));
        }
        if (search.maxPrice() != null) {
            where.add("price_amount <= " + bind(params, search.maxPrice()));
        }
        if (search.text() != null) {
            where.add("search @@ plainto_tsquery('simple', " + bind(params, search.text()) + ")");
        }
        Cursor after = search.after();
        String order = switch (search.sort()) {
            case NEWEST -> {
                if (after != null) {
                    where.add("(created_at, id) < (" + bind(params, after.createdAt().atOffset(ZoneOffset.UTC)) + ", "
                            + bind(params, after.id()) + ")");
                }
                yield "created_at DESC, id DESC";
            }
            case PRICE_ASC -> {
                if (after != null) {
                    where.add("(price_amount, id) > (" + bind(params, after.price()) + ", " + bind(params, after.id()) + ")");
                }
                yield "price_amount ASC, id ASC";
            }
            case PRICE_DESC -> {
                if (after != null) {
                    where.add("(price_amount, id) < (" + bind(params, after.price()) + ", " + bind(params, after.id()) + ")");
                }
                yield "price_amount DESC, id DESC";
            }
        };
        // One row more than asked tells whether there is a next page.
        String sql = "SELECT " + ListingView.COLUMNS + " FROM listing_view WHERE " + String.join(" AND ", where)
                + " ORDER BY " + order + " LIMIT " + (search.limit() + 1);
        return read.get().preparedQuery(sql).execute(params).map(rows -> {
            var items = new ArrayList<ListingView>();
            rows.forEach(row -> items.add(ListingView.of(row)));
            if (items.size() <= search.limit()) {
                return new Page(items, null);
            }
            List<ListingView> page = items.subList(0, search.limit());
            return new Page(List.copyOf(page), Cursor.after(search.sort(), page.getLast()).encode());
        });
    }

    public Uni<List<CategoryStats>> categoryStats() {
        return read.get().query("""
                        SELECT category, currency, active_count, sold_count, active_price_sum, min_price, max_price
                        FROM category_stats WHERE active_count > 0 OR sold_count > 0
                        ORDER BY category, currency""")
                .execute()
                .map(rows -> {
                    var stats = new ArrayList<CategoryStats>();
                    rows.forEach(row -> stats.add(categoryStats(row)));
                    return stats;
                });
    }

    public Uni<SellerStats> sellerStats(String sellerId) {
        Uni<Row> counts = read.get().preparedQuery(
                        "SELECT drafts, active, reserved, sold, withdrawn FROM seller_stats WHERE seller_id = $1")
                .execute(Tuple.of(sellerId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
        Uni<List<Revenue>> revenue = read.get().preparedQuery(
                        "SELECT currency, sold_count, revenue FROM seller_revenue WHERE seller_id = $1 ORDER BY currency")
                .execute(Tuple.of(sellerId))
                .map(rows -> {
                    var list = new ArrayList<Revenue>();
                    rows.forEach(row -> list.add(new Revenue(row.getString("currency"), row.getLong("sold_count"),
                            row.getBigDecimal("revenue"))));
                    return list;
                });
        return Uni.combine().all().unis(counts, revenue).with((row, money) -> row == null
                ? new SellerStats(sellerId, 0, 0, 0, 0, 0, money)
                : new SellerStats(sellerId, row.getLong("drafts"), row.getLong("active"), row.getLong("reserved"),
                        row.getLong("sold"), row.getLong("withdrawn"), money));
    }

    private static CategoryStats categoryStats(Row row) {
        long active = row.getLong("active_count");
        BigDecimal average = null;
        if (active > 0) {
            int digits = Currency.getInstance(row.getString("currency")).getDefaultFractionDigits();
            average = row.getBigDecimal("active_price_sum").divide(BigDecimal.valueOf(active), digits, RoundingMode.HALF_EVEN);
        }
        return new CategoryStats(row.getString("category"), row.getString("currency"), active, row.getLong("sold_count"),
                row.getBigDecimal("min_price"), average, row.getBigDecimal("max_price"));
    }

    /** Adds a parameter and returns its placeholder ($1, $2…). */
    private static String bind(Tuple params, Object value) {
        params.addValue(value);
        return "$" + params.size();
    }
}
