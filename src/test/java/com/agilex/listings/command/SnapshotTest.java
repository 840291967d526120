package com.agilex.listings.command;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.domain.Money;
import com.agilex.listings.eventstore.EventMetadata;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.SnapshotState;
import com.agilex.listings.support.OnVertx;
import com.agilex.listings.support.ReadTables;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Snapshots (every 3 events in the test profile): taken as streams grow, used by the command
 * side's load, and ignored when their shape version is not the current one.
 */
@QuarkusTest
class SnapshotTest {

    /** A snapshot that says PUBLISHED, for a listing whose events say DRAFT. */
    static final String PUBLISHED_LIE = """
            {"sellerId":"alice","title":"Road bike","description":"A fine road bike","category":"bikes",
             "price":{"amount":"350.00","currency":"EUR"},"status":"PUBLISHED"}""";

    @Inject
    AgroalDataSource db;

    @Inject
    EventStore store;

    @Inject
    ListingEventCodec codec;

    /**
     * A draft of alice's, stored behind this process's back: it remembers nothing of it, so its
     * next command loads the stream (from a snapshot, if there is one).
     */
    UUID storedDraft() {
        UUID id = UUID.randomUUID();
        var created = new ListingEvent.ListingCreated("alice", "Road bike", "A fine road bike", "bikes",
                new Money(new BigDecimal("350.00"), Currency.getInstance("EUR")));
        OnVertx.run(() -> store.append(id, 0, List.of(codec.encode(created, new EventMetadata("t", "t", "alice", null)))));
        return id;
    }

    List<String> snapshotOf(UUID id) {
        return ReadTables.rows(db, "SELECT version, shape_version FROM snapshots WHERE stream_id = ? ORDER BY version", id);
    }

    void putSnapshot(UUID id, long version, int shape, String state) throws SQLException {
        try (var connection = db.getConnection(); var insert = connection.prepareStatement("""
                INSERT INTO snapshots (stream_id, version, shape_version, state) VALUES (?, ?, ?, CAST(? AS jsonb))
                ON CONFLICT (stream_id, version) DO UPDATE SET
                    shape_version = EXCLUDED.shape_version, state = EXCLUDED.state""")) {
            insert.setObject(1, id);
            insert.setLong(2, version);
            insert.setInt(3, shape);
            insert.setString(4, state);
            insert.executeUpdate();
        }
    }

    void changePrice(UUID id, String amount) {
        as("alice").body(Map.of("amount", amount, "currency", "EUR")).post("/listings/" + id + "/price").then().statusCode(200);
    }

    @Test
    void a_snapshot_is_taken_every_n_events_and_the_stream_goes_on_from_it() {
        UUID id = create("alice");
        command("alice", id, "publish");
        assertThat(snapshotOf(id)).isEmpty();

        changePrice(id, "301");
        assertThat(snapshotOf(id)).containsExactly("version=3, shape_version=2, ");
        changePrice(id, "302");
        changePrice(id, "303");
        changePrice(id, "304");

        // Each kept: a load starts from the newest, time travel from the one before its point.
        assertThat(snapshotOf(id)).containsExactly("version=3, shape_version=2, ", "version=6, shape_version=2, ");
        as("alice").body(Map.of("amount", "305", "currency", "EUR")).post("/listings/" + id + "/price")
                .then().statusCode(200).body("version", org.hamcrest.Matchers.equalTo(7));
    }

    @Test
    void loading_a_listing_starts_from_its_snapshot() throws SQLException {
        UUID id = storedDraft();
        putSnapshot(id, 1, SnapshotState.SHAPE, PUBLISHED_LIE);

        // The snapshot says PUBLISHED: publishing again is an illegal transition.
        as("alice").post("/listings/" + id + "/publish").then().statusCode(409);
    }

    @Test
    void a_snapshot_of_another_shape_version_is_ignored() throws SQLException {
        UUID id = storedDraft();
        putSnapshot(id, 1, SnapshotState.SHAPE + 1, PUBLISHED_LIE);

        // Folded from the events instead: a draft, which may be published.
        as("alice").post("/listings/" + id + "/publish").then().statusCode(200);
    }

    @Test
    void an_unreadable_snapshot_is_ignored() throws SQLException {
        UUID id = storedDraft();
        putSnapshot(id, 1, SnapshotState.SHAPE, "{\"status\": 42}");

        as("alice").post("/listings/" + id + "/publish").then().statusCode(200);
    }
}
