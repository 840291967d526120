package com.agilex.listings.roles;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.listing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.agilex.listings.projection.KafkaProjector;
import com.agilex.listings.relay.KafkaRelay;
import com.agilex.listings.support.Beans;
import com.agilex.listings.support.Metrics;
import com.agilex.listings.support.WriteSide;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** LISTINGS_ROLE=query: reads only; no relay, no consumer, no command or projector routes. */
@QuarkusTest
@TestProfile(RoleProfiles.Query.class)
class QueryRoleTest {

    @Inject
    Vertx vertx;

    @Test
    void it_serves_reads_and_answers_404_to_everything_else() {
        given().get("/listings").then().statusCode(200);
        given().get("/stats/categories").then().statusCode(200);
        as("alice").body(listing("Lamp", "lighting", "10.00", "EUR")).post("/listings").then()
                .statusCode(404).contentType("application/problem+json");
        given().contentType("application/json").body("{}").post("/events").then().statusCode(404);
        given().get("/admin/projections").then().statusCode(404);
    }

    @Test
    void its_openapi_lists_only_its_routes() {
        JsonPath openapi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = openapi.getMap("paths");
        assertThat(paths).containsKey("/listings").doesNotContainKeys("/events", "/admin/projections");
        assertThat(openapi.getMap("paths.'/listings'")).containsKey("get").doesNotContainKey("post");
    }

    @Test
    void nothing_but_reads_starts_no_relay_no_consumer() {
        // The relay, and with it the Kafka channel it sends on, is never created here.
        assertThat(Beans.created(KafkaRelay.class)).as("a relay was created").isFalse();
        assertThat(Beans.created(KafkaProjector.class)).as("a consumer was created").isFalse();
        String ready = given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                .extract().asString();
        // Readiness checks only what runs here: neither the relay's check nor the projector's.
        assertThat(ready).doesNotContain("listings-relay").doesNotContain("listings-projector");
        // No consumer: its channel is not wired, so readiness does not wait for Kafka.
        assertThat(ready).doesNotContain("listings-events-in");
        // No relay, so no relay gauges (and no polling of the primary for them).
        assertThat(Metrics.scrape().names()).doesNotContain("listings_relay_backlog");
    }

    @Test
    void the_history_and_time_travel_are_served_from_the_event_store() {
        // A listing this process cannot create (no commands here, nor the privilege): written into
        // the store as the write side.
        UUID id = UUID.randomUUID();
        WriteSide.client(vertx).preparedQuery("""
                INSERT INTO events (stream_id, version, event_id, event_type, schema_version, data, metadata)
                VALUES ($1, 1, $2, 'ListingCreated', 1, CAST(CAST($3 AS text) AS jsonb), CAST(CAST($4 AS text) AS jsonb))""")
                .execute(Tuple.of(id, UUID.randomUUID(),
                        "{\"sellerId\":\"alice\",\"title\":\"Lamp\",\"description\":\"A lamp\",\"category\":\"lighting\","
                                + "\"price\":{\"amount\":\"10.00\",\"currency\":\"EUR\"}}",
                        "{\"correlationId\":\"c\",\"actor\":\"alice\"}"))
                .await().indefinitely();

        as("alice").get("/listings/" + id + "/events").then().statusCode(200)
                .body("items[0].type", equalTo("ListingCreated")).body("items[0].data.title", equalTo("Lamp"));
        as("alice").get("/listings/" + id + "/state?version=1").then().statusCode(200)
                .body("state.title", equalTo("Lamp"));
        as("bob").get("/listings/" + id + "/events").then().statusCode(403);
    }
}
