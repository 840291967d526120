package com.agilex.listings.eventstore;

import static com.agilex.listings.support.Api.reader;
import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.agilex.listings.platform.Roles;
import com.agilex.listings.support.KafkaTopics;
import com.agilex.listings.support.QuarkusTestTopics;
import com.agilex.listings.support.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * ListingPriceChanged is at schema version 2 (it gained direction). Events stored in version 1
 * are read correctly on every path: command load, relay, projector, time travel, consistency check.
 */
@QuarkusTest
class OldSchemaVersionTest {

    static final String V1_PRICE_DROP = "{\"price\": {\"amount\": \"300\", \"currency\": \"EUR\"}, "
            + "\"previousPrice\": {\"amount\": \"350.00\", \"currency\": \"EUR\"}}";

    @Inject
    AgroalDataSource db;

    /** Appends a version 1 ListingPriceChanged at version 2, as code of the old schema stored it. */
    void appendOldPriceChange(UUID id) throws SQLException {
        try (var connection = db.getConnection(); var insert = connection.prepareStatement("""
                INSERT INTO events (stream_id, version, event_id, event_type, schema_version, data, metadata)
                VALUES (?, 2, gen_random_uuid(), 'ListingPriceChanged', 1, CAST(? AS jsonb),
                        '{"actor": "alice", "correlationId": "old-code"}')""")) {
            insert.setObject(1, id);
            insert.setString(2, V1_PRICE_DROP);
            insert.executeUpdate();
        }
    }

    @Test
    void an_old_shape_event_is_read_on_every_path() throws SQLException {
        UUID id = create("alice");
        appendOldPriceChange(id);

        // The projector (through the relay, which publishes it in the current shape).
        reader().get("/listings/" + id + "?minVersion=2").then().statusCode(200).body("price.amount", equalTo("300"));
        var published = KafkaTopics.read(QuarkusTestTopics.EVENTS,
                record -> id.toString().equals(record.key()) && "2".equals(KafkaTopics.header(record, "ce_streamversion")));
        assertThat(published).hasSize(1);
        assertThat(KafkaTopics.header(published.getFirst(), "ce_type")).isEqualTo("com.agilex.listings.listing.price-changed.v2");
        assertThat(published.getFirst().value()).contains("\"direction\":\"DOWN\"");

        // Time travel.
        given().auth().oauth2(TestTokens.token("alice")).get("/listings/" + id + "/state?version=2").then()
                .statusCode(200).body("state.price.amount", equalTo("300"));
        // The audit trail shows it as stored.
        given().auth().oauth2(TestTokens.token("alice")).get("/listings/" + id + "/events").then()
                .body("items[1].schemaVersion", equalTo(1));
        // The command side's load: the same price again changes nothing, so the old event was folded.
        as("alice").body(Map.of("amount", "300.00", "currency", "EUR")).post("/listings/" + id + "/price")
                .then().statusCode(200).body("version", equalTo(2));
        as("alice").body(Map.of("amount", "310", "currency", "EUR")).post("/listings/" + id + "/price")
                .then().statusCode(200).body("version", equalTo(3));
        // The consistency check folds it too.
        reader().get("/listings/" + id + "?minVersion=3").then().statusCode(200);
        given().auth().oauth2(TestTokens.token("root", Roles.ADMIN)).get("/admin/consistency").then()
                .body("differenceCount", equalTo(0));
    }

    @Test
    void the_projector_accepts_a_version_1_cloud_event_published_before_the_change() throws SQLException {
        UUID id = create("alice");
        reader().get("/listings/" + id + "?minVersion=1").then().statusCode(200);
        var old = new ProducerRecord<String, String>(QuarkusTestTopics.EVENTS, id.toString(), V1_PRICE_DROP);
        old.headers()
                .add("ce_specversion", "1.0".getBytes()).add("ce_id", UUID.randomUUID().toString().getBytes())
                .add("ce_source", "/listings".getBytes())
                .add("ce_type", "com.agilex.listings.listing.price-changed.v1".getBytes())
                .add("ce_subject", id.toString().getBytes()).add("ce_time", "2026-01-01T00:00:00Z".getBytes())
                .add("ce_streamversion", "2".getBytes());

        KafkaTopics.send(List.of(old));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                reader().get("/listings/" + id).then().body("version", equalTo(2)).body("price.amount", equalTo("300")));
        // Store it too, as the old code did, so the event store and the read model agree again.
        appendOldPriceChange(id);
    }
}
