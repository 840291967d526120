package com.agilex.listings.history;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.domain.Money;
import com.agilex.listings.eventstore.EventMetadata;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.NewEvent;
import com.agilex.listings.platform.Roles;
import com.agilex.listings.support.OnVertx;
import com.agilex.listings.support.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit trail and time travel, from the event store. */
@QuarkusTest
class ListingHistoryTest {

    @Inject
    EventStore store;

    @Inject
    ListingEventCodec codec;

    @Inject
    AgroalDataSource db;


    /** A listing at version 3: created (350.00, draft), published, repriced to 300. */
    static UUID threeVersions(String correlationId) {
        String id = as("alice").header("X-Correlation-Id", correlationId)
                .body(Map.of("title", "Road bike", "category", "bikes", "price", Map.of("amount", "350.00", "currency", "EUR")))
                .post("/listings").then().statusCode(201).extract().path("id");
        command("alice", UUID.fromString(id), "publish");
        as("alice").body(Map.of("amount", "300", "currency", "EUR")).post("/listings/" + id + "/price").then().statusCode(200);
        return UUID.fromString(id);
    }

    static JsonPath history(String user, UUID id, String query, String... roles) {
        return given().auth().oauth2(TestTokens.token(user, roles)).get("/listings/" + id + "/events" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void the_audit_trail_lists_every_event_with_its_metadata_in_version_order() {
        UUID id = threeVersions("audit-1");

        JsonPath trail = history("alice", id, "");

        assertThat(trail.getList("items.version", Integer.class)).containsExactly(1, 2, 3);
        assertThat(trail.getList("items.type", String.class))
                .containsExactly("ListingCreated", "ListingPublished", "ListingPriceChanged");
        assertThat(trail.getList("items.actor", String.class)).containsOnly("alice");
        assertThat(trail.getString("items[0].correlationId")).isEqualTo("audit-1");
        assertThat(trail.getList("items.causationId", String.class)).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(trail.getList("items.eventId", String.class)).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(trail.getList("items.schemaVersion", Integer.class)).containsExactly(1, 1, 2);
        assertThat(trail.getString("items[0].data.title")).isEqualTo("Road bike");
        assertThat(trail.getString("items[2].data.price.amount")).isEqualTo("300");
        assertThat(trail.getString("items[2].data.previousPrice.amount")).isEqualTo("350.00");
        assertThat(Instant.parse(trail.getString("items[0].recordedAt"))).isBefore(Instant.now().plusSeconds(5));
        assertThat(trail.get("nextFromVersion") == null).isTrue();
    }

    @Test
    void the_audit_trail_is_paged() {
        UUID id = threeVersions("audit-2");

        JsonPath first = history("alice", id, "?limit=2");
        JsonPath rest = history("alice", id, "?fromVersion=" + first.getLong("nextFromVersion") + "&limit=2");

        assertThat(first.getList("items.version", Integer.class)).containsExactly(1, 2);
        assertThat(first.getLong("nextFromVersion")).isEqualTo(3);
        assertThat(rest.getList("items.version", Integer.class)).containsExactly(3);
        assertThat(rest.get("nextFromVersion") == null).isTrue();
    }

    @Test
    void only_the_seller_or_an_admin_reads_the_history() {
        UUID id = create("alice");

        history("root", id, "", Roles.ADMIN);
        given().auth().oauth2(TestTokens.token("bob")).get("/listings/" + id + "/events")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("bob")).get("/listings/" + id + "/state?version=1").then().statusCode(403);
        given().get("/listings/" + id + "/events").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("alice")).get("/listings/" + UUID.randomUUID() + "/events")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.token("alice")).get("/listings/" + id + "/events?limit=0")
                .then().statusCode(400).body("errors.field", hasItem("limit"));
        given().auth().oauth2(TestTokens.token("alice")).get("/listings/" + id + "/events?fromVersion=x")
                .then().statusCode(400).body("errors.field", hasItem("fromVersion"));
    }

    @Test
    void time_travel_by_version_answers_a_past_state_that_differs_from_the_current_one() {
        UUID id = threeVersions("travel-1");
        var alice = given().auth().oauth2(TestTokens.token("alice"));

        alice.get("/listings/" + id + "/state?version=1").then().statusCode(200)
                .body("version", equalTo(1))
                .body("state.status", equalTo("DRAFT"))
                .body("state.price.amount", equalTo("350.00"))
                .body("state.sellerId", equalTo("alice"));
        given().auth().oauth2(TestTokens.token("alice")).get("/listings/" + id + "/state?version=3").then().statusCode(200)
                .body("version", equalTo(3))
                .body("state.status", equalTo("PUBLISHED"))
                .body("state.price.amount", equalTo("300"));
        given().get("/listings/" + id + "?minVersion=3").then().body("price.amount", equalTo("300"));
    }

    @Test
    void time_travel_by_instant_folds_the_events_recorded_until_then() {
        UUID id = threeVersions("travel-2");
        JsonPath trail = history("alice", id, "");
        Instant created = Instant.parse(trail.getString("items[0].recordedAt"));
        Instant published = Instant.parse(trail.getString("items[1].recordedAt"));

        given().auth().oauth2(TestTokens.token("alice")).get("/listings/" + id + "/state?at=" + created)
                .then().statusCode(200).body("version", equalTo(1)).body("state.status", equalTo("DRAFT"))
                .body("recordedAt", equalTo(trail.getString("items[0].recordedAt")));
        given().auth().oauth2(TestTokens.token("alice")).get("/listings/" + id + "/state?at=" + published)
                .then().statusCode(200).body("version", equalTo(2)).body("state.status", equalTo("PUBLISHED"));
        given().auth().oauth2(TestTokens.token("alice")).get("/listings/" + id + "/state?at=" + created.minusMillis(1))
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void time_travel_needs_exactly_one_point_and_a_version_that_existed() {
        UUID id = create("alice");
        var path = "/listings/" + id + "/state";

        given().auth().oauth2(TestTokens.token("alice")).get(path).then().statusCode(400)
                .body("type", endsWith("invalid-query"));
        given().auth().oauth2(TestTokens.token("alice")).get(path + "?version=1&at=2026-01-01T00:00:00Z").then().statusCode(400);
        given().auth().oauth2(TestTokens.token("alice")).get(path + "?at=yesterday").then().statusCode(400)
                .body("errors.field", contains("at"));
        given().auth().oauth2(TestTokens.token("alice")).get(path + "?version=0").then().statusCode(400);
        given().auth().oauth2(TestTokens.token("alice")).get(path + "?version=2").then().statusCode(404)
                .contentType("application/problem+json");
    }
    /** A listing of {@code length} events stored straight into the store: no snapshots. */
    UUID storedWithoutSnapshots(int length) {
        UUID id = UUID.randomUUID();
        var metadata = new EventMetadata("travel", "travel", "alice", null);
        var events = new ArrayList<NewEvent>();
        events.add(codec.encode(new ListingEvent.ListingCreated("alice", "Lamp", "A lamp", "lighting",
                new Money(new BigDecimal("10.00"), Currency.getInstance("EUR"))), metadata));
        for (int change = 1; change < length; change++) {
            events.add(codec.encode(new ListingEvent.ListingDetailsUpdated("Lamp " + change, "A lamp", "lighting"), metadata));
        }
        OnVertx.run(() -> store.append(id, 0, events));
        return id;
    }

    @Test
    void time_travel_folds_a_bounded_number_of_events_and_refuses_a_point_further_with_a_400() {
        // 61 events and no snapshot: the test profile folds at most 50 (listings.history.max-fold).
        UUID id = storedWithoutSnapshots(61);
        var path = "/listings/" + id + "/state";

        given().auth().oauth2(TestTokens.token("alice")).get(path + "?version=50").then().statusCode(200)
                .body("version", equalTo(50)).body("state.title", equalTo("Lamp 49"));
        given().auth().oauth2(TestTokens.token("alice")).get(path + "?version=51").then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("invalid-query"))
                .body("errors[0].field", equalTo("version")).body("errors[0].message", containsString("at most 50"));
        given().auth().oauth2(TestTokens.token("alice")).get(path + "?at=" + Instant.now().plusSeconds(1)).then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
        // A version the listing never reached is still a 404, bound or not.
        given().auth().oauth2(TestTokens.token("alice")).get(path + "?version=500").then().statusCode(404);
    }

    @Test
    void time_travel_folds_from_the_nearest_snapshot_at_or_before_its_point() throws SQLException {
        // 61 events through the service: a snapshot every 3 (the test profile), so any point is
        // at most 2 events past one, whatever the bound.
        UUID id = create("alice");
        for (int change = 0; change < 60; change++) {
            as("alice").body(Map.of("title", "Lamp " + change)).patch("/listings/" + id).then().statusCode(200);
        }
        var path = "/listings/" + id + "/state";
        given().auth().oauth2(TestTokens.token("alice")).get(path + "?version=61").then().statusCode(200)
                .body("version", equalTo(61)).body("state.title", equalTo("Lamp 59"));

        // The snapshot at version 30 is where the fold starts: one that lies shows through.
        try (var connection = db.getConnection(); var lie = connection.prepareStatement(
                "UPDATE snapshots SET state = jsonb_set(state, '{title}', '\"From the snapshot\"') WHERE stream_id = ? AND version = 30")) {
            lie.setObject(1, id);
            assertThat(lie.executeUpdate()).isEqualTo(1);
        }
        given().auth().oauth2(TestTokens.token("alice")).get(path + "?version=30").then().statusCode(200)
                .body("version", equalTo(30)).body("state.title", equalTo("From the snapshot"));
        given().auth().oauth2(TestTokens.token("alice")).get(path + "?version=29").then().statusCode(200)
                .body("state.title", equalTo("Lamp 27"));
        // One that cannot be read is passed over: the fold starts from the first event.
        try (var connection = db.getConnection(); var unreadable = connection.prepareStatement(
                "UPDATE snapshots SET state = '{\"status\": 42}' WHERE stream_id = ? AND version = 39")) {
            unreadable.setObject(1, id);
            assertThat(unreadable.executeUpdate()).isEqualTo(1);
        }
        given().auth().oauth2(TestTokens.token("alice")).get(path + "?version=40").then().statusCode(200)
                .body("version", equalTo(40)).body("state.title", equalTo("Lamp 38"));
    }
}
