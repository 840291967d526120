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
