package com.agilex.listings.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged service in its production profile logs JSON lines; a command's line carries its
 * trace id and correlation id, and no token. Tracing without a configured collector is silent.
 */
@QuarkusIntegrationTest
class JsonLogIT {

    static final Path LOG = Path.of("target/quarkus.log");

    @Test
    void a_command_logs_one_json_line_with_its_trace_and_correlation_ids() {
        String correlation = "json-log-" + UUID.randomUUID();
        String token = TestTokens.token("logger");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).header("X-Correlation-Id", correlation)
                .body(Map.of("title", "Lamp", "category", "lighting", "price", Map.of("amount", "12.00", "currency", "EUR")))
                .post("/listings").then().statusCode(201).extract().path("id");

        JsonNode line = await().atMost(Duration.ofSeconds(20)).until(() -> commandLine(correlation), found -> found != null);
        JsonNode mdc = line.get("mdc");
        assertThat(line.get("message").asText()).isEqualTo("Command create answered 201");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(mdc.get("correlationId").asText()).isEqualTo(correlation);
        assertThat(mdc.get("listingId").asText()).isEqualTo(id);
        assertThat(mdc.get("command").asText()).isEqualTo("create");
        assertThat(mdc.get("traceId").asText()).matches("[0-9a-f]{32}");
        assertThat(mdc.get("spanId").asText()).matches("[0-9a-f]{16}");

        String log = read();
        assertThat(log).doesNotContain(token).doesNotContain("Failed to export");
    }

    @Test
    void no_token_secret_or_personal_data_reaches_the_log() {
        String marker = "pii-" + UUID.randomUUID();
        String token = TestTokens.token("private-seller");
        String expired = TestTokens.expiredToken("private-seller");
        String unsigned = TestTokens.unsignedToken("private-seller");
        String wrongSecret = "not-the-secret-" + marker;
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "Lamp", "description", "Call me on " + marker + "@example.com", "category", "lighting",
                        "price", Map.of("amount", "12.00", "currency", "EUR")))
                .post("/listings").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("buyerId", "buyer-" + marker))
                .post("/listings/" + id + "/sell").then().statusCode(409);
        given().auth().oauth2(expired).contentType(ContentType.JSON).body("{}").post("/listings").then().statusCode(401);
        given().auth().oauth2(unsigned).contentType(ContentType.JSON).body("{}").post("/listings").then().statusCode(401);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\": \"a\\u0000" + marker + "\"}")
                .post("/listings").then().statusCode(400);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\": " + marker + "}")
                .post("/listings").then().statusCode(400);
        given().auth().oauth2("test-events-secret").contentType(ContentType.JSON).header("ce-specversion", "1.0")
                .header("ce-id", "no-such-event").body("{\"title\": \"" + marker + "\"}").post("/events").then().statusCode(400);
        given().auth().oauth2(wrongSecret).contentType(ContentType.JSON).body("{}").post("/events").then().statusCode(401);
        // The refused delivery is the last request: once its line is in, so are the others'.
        await().atMost(Duration.ofSeconds(20)).until(() -> read().contains("Refused a delivery"));

        assertThat(read()).doesNotContain(token).doesNotContain(expired).doesNotContain(unsigned)
                .doesNotContain("test-events-secret").doesNotContain(wrongSecret).doesNotContain(marker)
                .doesNotContainIgnoringCase("password=");
    }

    private static JsonNode commandLine(String correlation) throws Exception {
        var json = new ObjectMapper();
        for (String line : read().lines().filter(text -> text.contains(correlation)).toList()) {
            JsonNode node = json.readTree(line);
            if (node.path("message").asText().startsWith("Command ")) {
                return node;
            }
        }
        return null;
    }

    private static String read() {
        try {
            return Files.exists(LOG) ? Files.readString(LOG) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
