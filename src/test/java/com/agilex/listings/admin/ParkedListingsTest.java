package com.agilex.listings.admin;

import static com.agilex.listings.support.Api.reader;
import static com.agilex.listings.support.Api.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.support.EventLogRepair;
import com.agilex.listings.platform.Roles;
import com.agilex.listings.support.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A dead-lettered event stops its listing's view, and every later event of that listing is
 * dead-lettered too: the listing shows as parked, and after a fix a replay from the event store
 * brings its view up to date.
 */
@QuarkusTest
class ParkedListingsTest {

    @Inject
    AgroalDataSource db;

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.token("root", Roles.ADMIN));
    }

    @Test
    void a_listing_stopped_by_a_dead_letter_is_parked_and_a_replay_after_the_fix_catches_its_view_up() throws Exception {
        UUID id = create("alice");
        reader().get("/listings/" + id + "?minVersion=1").then().statusCode(200);
        // Version 2 of a type this service cannot read (as written by a newer producer, say),
        // then a readable version 3: both are dead-lettered, the second as it cannot follow.
        try (Connection connection = db.getConnection()) {
            connection.createStatement().execute("""
                    INSERT INTO events (stream_id, version, event_id, event_type, schema_version, data, metadata)
                    VALUES ('%1$s', 2, gen_random_uuid(), 'ListingTeleported', 1, '{}', '{"actor": "alice"}'),
                           ('%1$s', 3, gen_random_uuid(), 'ListingWithdrawn', 1, '{"reason": "gone", "previousStatus": "DRAFT"}',
                            '{"actor": "alice"}')""".formatted(id));
        }

        try {
            parkAndReplay(id);
        } finally {
            // Tests share one event store: whatever this test left unapplied goes, so no other test sees a lag.
            EventLogRepair.run(db, """
                    DELETE FROM events WHERE stream_id = '%1$s'
                      AND version > coalesce((SELECT version FROM listing_view WHERE id = '%1$s'), 0)""".formatted(id));
        }
    }

    private void parkAndReplay(UUID id) throws Exception {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonPath parked = admin().get("/admin/projections/listings/parked").then().statusCode(200).extract().jsonPath();
            String mine = "find { it.listingId == '" + id + "' }";
            assertThat(parked.getLong(mine + ".viewVersion")).isEqualTo(1);
            assertThat(parked.getLong(mine + ".storeVersion")).isEqualTo(3);
            assertThat(parked.getLong(mine + ".parkedAtVersion")).isEqualTo(1);
            assertThat(parked.getLong(mine + ".deadLettered")).isEqualTo(2);
            assertThat(parked.getString(mine + ".reason")).contains("version 3");
        });
        JsonPath status = admin().get("/admin/projections").then().statusCode(200).extract().jsonPath();
        assertThat(status.getLong("[0].parkedListings")).isPositive();
        reader().get("/listings/" + id).then().statusCode(200).body("version", org.hamcrest.Matchers.equalTo(1));

        // Nothing read it yet: a replay leaves it parked, saying why.
        JsonPath unchanged = admin().post("/admin/projections/listings/parked/replay").then().statusCode(200).extract().jsonPath();
        assertThat(unchanged.getString("stillParked.find { it.listingId == '" + id + "' }.reason")).contains("ListingTeleported");

        // The fix (here: the record corrected; in life, a version that reads it), then the replay.
        EventLogRepair.run(db, """
                UPDATE events SET event_type = 'ListingDetailsUpdated',
                    data = '{"title": "Fixed", "description": "Read at last", "category": "bikes"}'
                WHERE stream_id = '%s' AND version = 2""".formatted(id));
        JsonPath replay = admin().post("/admin/projections/listings/parked/replay").then().statusCode(200).extract().jsonPath();
        assertThat(replay.getInt("eventsApplied")).isGreaterThanOrEqualTo(2);
        assertThat(replay.getList("stillParked.listingId", String.class)).doesNotContain(id.toString());

        reader().get("/listings/" + id + "?minVersion=3").then().statusCode(200)
                .body("title", org.hamcrest.Matchers.equalTo("Fixed"))
                .body("status", org.hamcrest.Matchers.equalTo("WITHDRAWN"));
        assertThat(admin().get("/admin/projections/listings/parked").then().statusCode(200).extract().jsonPath()
                .getList("listingId", String.class)).doesNotContain(id.toString());
        admin().get("/admin/consistency").then().statusCode(200);
    }
}
