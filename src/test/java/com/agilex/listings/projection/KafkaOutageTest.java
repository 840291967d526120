package com.agilex.listings.projection;

import static com.agilex.listings.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.platform.Roles;
import com.agilex.listings.support.LocalStack;
import com.agilex.listings.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Kafka stopped for real (bin/stack down) while commands keep coming: readiness goes DOWN (and
 * liveness stays UP) until it returns, and every command is still
 * accepted, and once Kafka is back every acknowledged change reaches the read model.
 */
@QuarkusTest
class KafkaOutageTest {

    @Test
    void commands_accepted_while_kafka_is_down_all_reach_the_read_model_when_it_returns() throws Exception {
        Map<UUID, Integer> acknowledged = new LinkedHashMap<>();
        LocalStack.run("down");
        try {
            // Out of rotation while Kafka is unreachable, but alive: nothing to restart.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
            given().get("/q/health/live").then().statusCode(200);
            for (int i = 0; i < 10; i++) {
                String id = as("alice").body(Map.of("title", "Offline " + i, "category", "outage",
                                "price", Map.of("amount", "1" + i, "currency", "EUR")))
                        .post("/listings").then().statusCode(201).extract().path("id");
                int version = as("alice").post("/listings/" + id + "/publish")
                        .then().statusCode(200).extract().path("version");
                acknowledged.put(UUID.fromString(id), version);
            }
        } finally {
            LocalStack.run("up");
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                acknowledged.forEach((id, version) -> given().get("/listings/" + id).then()
                        .statusCode(200)
                        .body("version", org.hamcrest.Matchers.equalTo(version))
                        .body("status", org.hamcrest.Matchers.equalTo("PUBLISHED"))));
        given().auth().oauth2(TestTokens.token("root", Roles.ADMIN)).get("/admin/consistency").then()
                .statusCode(200).body("differenceCount", org.hamcrest.Matchers.equalTo(0));
    }
}
