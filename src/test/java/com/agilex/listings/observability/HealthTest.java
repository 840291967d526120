package com.agilex.listings.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import com.agilex.listings.support.Api;
import com.agilex.listings.support.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The probes, with PostgreSQL stopped for real (bin/stack postgres-down) in the middle:
 * readiness goes DOWN and comes back, liveness answers throughout, and an event delivered over
 * HTTP, a command and a query are each a 503 (retry), never a 500. (Kafka: KafkaOutageTest.)
 */
@QuarkusTest
class HealthTest {

    /** The event source's secret in the test profile (application.properties). */
    static final String TEST_EVENTS_SECRET = "test-events-secret";

    @Test
    void the_probes_name_their_checks() {
        given().get("/q/health/started").then().statusCode(200).body("checks.name", hasItems("listings-started"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("listings-projector"))
                .body("checks.name", not(hasItems("listings-relay")));
        // The relay's backlog is reported, not a reason to leave rotation (CommandRoleTest).
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'listings-relay' }.data.enabled", equalTo(true));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void readiness_is_down_while_postgresql_is_unreachable_and_liveness_stays_up() throws Exception {
        LocalStack.run("postgres-down");
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath ready = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
                assertThat(ready.getList("checks.findAll { it.status == 'DOWN' }.name", String.class))
                        .anyMatch(name -> name.contains("PostgreSQL"));
            });
            given().get("/q/health/live").then().statusCode(200);
            // An event delivered over HTTP meanwhile is a 503: Knative retries it later.
            given().contentType("application/json").header("Authorization", "Bearer " + TEST_EVENTS_SECRET)
                    .header("ce-specversion", "1.0")
                    .header("ce-id", UUID.randomUUID().toString()).header("ce-source", "/listings")
                    .header("ce-type", "com.agilex.listings.listing.published.v1")
                    .header("ce-subject", UUID.randomUUID().toString()).header("ce-time", Instant.now().toString())
                    .header("ce-streamversion", "2").body("{}")
                    .post("/events").then().statusCode(503).header("Retry-After", "1")
                    .contentType("application/problem+json");
            // A command and a query meanwhile: 503 to retry later, not a 500 fault.
            Api.as("seller-during-outage").body(Api.listing("Lamp", "home", "12.00", "EUR")).post("/listings")
                    .then().statusCode(503).header("Retry-After", "5").contentType("application/problem+json")
                    .body("type", equalTo("urn:agilex:listings:problem:database-unavailable"));
            given().get("/listings").then().statusCode(503).header("Retry-After", "5")
                    .contentType("application/problem+json").body("type", equalTo("urn:agilex:listings:problem:database-unavailable"));
        } finally {
            LocalStack.run("up");
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
