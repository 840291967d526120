package com.agilex.listings.roles;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.listing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import com.agilex.listings.projection.KafkaProjector;
import com.agilex.listings.relay.KafkaRelay;
import com.agilex.listings.support.Beans;
import com.agilex.listings.support.KafkaTopics;
import com.agilex.listings.support.LocalStack;
import com.agilex.listings.support.QuarkusTestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** LISTINGS_ROLE=command: takes commands and publishes their events; serves no reads. */
@QuarkusTest
@TestProfile(RoleProfiles.Command.class)
class CommandRoleTest {

    @Inject
    KafkaRelay relay;


    @Test
    void it_takes_commands_and_its_relay_publishes_them_but_it_serves_no_reads() {
        assertThat(relay.isRunning()).isTrue();
        assertThat(Beans.created(KafkaRelay.class)).isTrue();
        assertThat(Beans.created(KafkaProjector.class)).as("a consumer was created").isFalse();
        String id = as("alice").body(listing("Lamp", "lighting", "10.00", "EUR")).post("/listings")
                .then().statusCode(201).extract().path("id");
        // The relay publishes after the commit, on its own time (its producer created on that first send).
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(KafkaTopics.read(QuarkusTestTopics.EVENTS, record -> id.equals(record.key()))).hasSize(1));

        given().get("/listings/" + id).then().statusCode(404).contentType("application/problem+json");
        given().get("/listings").then().statusCode(404);
        given().contentType("application/json").body("{}").post("/events").then().statusCode(404);
        // The query API's datasource (maybe a replica) is not this role's: inactive, and out of its readiness.
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Reactive PostgreSQL connections health check' }.data", hasKey("<default>"))
                .body("checks.find { it.name == 'Reactive PostgreSQL connections health check' }.data", not(hasKey("read")))
                // Nothing projects here: no projector check.
                .body("checks.name", not(hasItem("listings-projector")));
        given().get("/q/health/well").then().statusCode(200).body("checks.name", hasItem("listings-relay"));
    }

    @Test
    void a_stalled_relay_is_reported_but_keeps_no_command_pod_out_of_rotation() throws Exception {
        // Kafka down: what this pod commits stays unpublished, for every command pod alike.
        LocalStack.run("down");
        try {
            as("alice").body(listing("Lamp", "lighting", "10.00", "EUR")).post("/listings").then().statusCode(201);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'listings-relay' }.status", equalTo("DOWN")));
            // The stall is the alert's business; the pod stays ready and keeps taking commands.
            given().get("/q/health/ready").then().statusCode(200);
            as("alice").body(listing("Desk", "home", "80.00", "EUR")).post("/listings").then().statusCode(201);
        } finally {
            LocalStack.run("up");
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/q/health/well").then().statusCode(200));
    }
}
