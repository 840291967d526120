package com.agilex.listings.fuzz;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What the fuzzed service keeps, read straight from its database to check that a rejection changed nothing. */
final class Store implements AutoCloseable {

    /** The event log's size and a digest of every read table. */
    record State(long events, String readModel) {
    }

    /** A stored event, as POST /events would be handed it by the event source. */
    record StoredEvent(UUID id, UUID listing, long version, String cloudEventType, String data) {
    }

    private static final String READ_MODEL_DIGEST = """
            SELECT md5(concat_ws('|',
                (SELECT string_agg(v::text, ',' ORDER BY v.id) FROM listing_view v),
                (SELECT string_agg(c::text, ',' ORDER BY c.category, c.currency) FROM category_stats c),
                (SELECT string_agg(s::text, ',' ORDER BY s.seller_id) FROM seller_stats s),
                (SELECT string_agg(r::text, ',' ORDER BY r.seller_id, r.currency) FROM seller_revenue r)))
            """;

    private final Connection connection;

    Store() {
        try {
            connection = DriverManager.getConnection(FuzzedService.JDBC_URL, "listings", "listings");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach " + FuzzedService.JDBC_URL, e);
        }
    }

    State state() {
        return new State(Long.parseLong(single("SELECT count(*) FROM events")), single(READ_MODEL_DIGEST));
    }

    /** Every stored event is in the read model: each listing's view is at its stream's last version. */
    boolean caughtUp() {
        return "t".equals(single("SELECT (SELECT count(*) FROM events) = (SELECT coalesce(sum(version), 0) FROM listing_view)"));
    }

    List<StoredEvent> events() {
        var events = new ArrayList<StoredEvent>();
        try (var statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT event_id, stream_id, version, event_type, schema_version, data::text FROM events ORDER BY global_position")) {
            while (rows.next()) {
                events.add(new StoredEvent(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class), rows.getLong(3),
                        cloudEventType(rows.getString(4), rows.getInt(5)), rows.getString(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    /** ListingPriceChanged, 2 → com.agilex.listings.listing.price-changed.v2 (the service's own naming rule). */
    private static String cloudEventType(String storedType, int schemaVersion) {
        String action = storedType.replaceFirst("^Listing", "").replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
        return "com.agilex.listings.listing." + action + ".v" + schemaVersion;
    }

    /** The first column of the one row a query answers, as text. */
    private String single(String sql) {
        try (var statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
