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
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /admin/projections: state, lag in events and seconds, counters and last error. */
@QuarkusTest
class ProjectionStatusTest {

    @Inject
    AgroalDataSource db;

    static JsonPath status() {
        return given().auth().oauth2(TestTokens.token("root", Roles.ADMIN)).get("/admin/projections")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void a_caught_up_projection_has_no_lag() {
        Instant before = Instant.now().minusSeconds(1);
        UUID id = create("alice");
        reader().get("/listings/" + id + "?minVersion=1").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath status = status();
            assertThat(status.getString("[0].state")).isEqualTo("UP_TO_DATE");
            assertThat(status.getLong("[0].lagEvents")).isZero();
            assertThat(status.getDouble("[0].lagSeconds")).isZero();
        });
        assertThat(status().getLong("[0].applied")).isPositive();
        // The checkpoint: Kafka offsets per partition, and the newest event applied (ours, or a later one).
        Map<String, Long> offsets = status().getMap("[0].checkpoint.nextOffsetByPartition", String.class, Long.class);
        assertThat(offsets).isNotEmpty().allSatisfy((partition, next) -> assertThat(next).isPositive());
        assertThat(Instant.parse(status().getString("[0].checkpoint.lastEventRecordedAt"))).isAfter(before);
        assertThat(status().getList("[0].tables", String.class)).contains("listing_view", "category_stats");
    }

    @Test
    void an_event_that_cannot_be_applied_shows_as_lag_with_the_error() throws Exception {
        UUID orphan = UUID.randomUUID();
        // Version 2 of a listing whose version 1 never existed: the projector dead-letters it.
        try (Connection connection = db.getConnection()) {
            connection.createStatement().execute("""
                    INSERT INTO events (stream_id, version, event_id, event_type, schema_version, data, metadata)
                    VALUES ('%s', 2, gen_random_uuid(), 'ListingPublished', 1, '{}', '{"actor": "test"}')""".formatted(orphan));
        }
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonPath status = status();
                assertThat(status.getLong("[0].lagEvents")).isGreaterThanOrEqualTo(1);
                assertThat(status.getDouble("[0].lagSeconds")).isPositive();
                assertThat(status.getString("[0].state")).isEqualTo("FAILING");
                assertThat(status.getString("[0].lastError")).contains("Dead-lettered").contains(orphan.toString());
                assertThat(status.getLong("[0].deadLettered")).isPositive();
            });
        } finally {
            // Tests share one event store: take the impossible event back out.
            EventLogRepair.run(db, "DELETE FROM events WHERE stream_id = '" + orphan + "'");
        }
    }
}
