package com.agilex.listings.projection;

import static com.agilex.listings.support.Api.reader;
import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.command;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.agilex.listings.support.KafkaTopics;
import com.agilex.listings.support.QuarkusTestTopics;
import com.agilex.listings.support.ReadTables;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The read side end to end, on the real PostgreSQL and Kafka: command → event store → relay →
 * listings.events → projector → read tables → query API.
 */
@QuarkusTest
class ReadSideTest {

    @Inject
    AgroalDataSource db;

    @Inject
    ProjectionCounters counters;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static UUID createListing(String seller, String category, String amount) {
        String id = as(seller).body(Map.of("title", "Item " + amount, "category", category,
                        "price", Map.of("amount", amount, "currency", "EUR")))
                .post("/listings").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    static JsonPath view(UUID id, long version) {
        return reader().get("/listings/" + id + "?minVersion=" + version).then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> categoryStats(String category) {
        List<Map<String, Object>> all = given().get("/stats/categories").then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(row -> category.equals(row.get("category"))).findFirst().orElse(Map.of());
    }

    @Test
    void a_command_becomes_visible_through_the_query_api() {
        UUID id = createListing("alice", "lamps", "15.00");

        JsonPath view = view(id, 1);

        assertThat(view.getString("status")).isEqualTo("DRAFT");
        assertThat(view.getString("title")).isEqualTo("Item 15.00");
        assertThat(view.getString("price.amount")).isEqualTo("15.00");
        assertThat(view.getLong("version")).isEqualTo(1);
    }

    @Test
    void every_listing_state_is_reflected_in_the_view_and_the_stats() {
        String seller = unique("seller");
        String category = unique("cat");
        UUID draft = createListing(seller, category, "10.00");
        UUID published = createListing(seller, category, "20.00");
        UUID reserved = createListing(seller, category, "40.00");
        UUID sold = createListing(seller, category, "70.00");
        UUID withdrawn = createListing(seller, category, "90.00");
        for (UUID id : List.of(published, reserved, sold)) {
            command(seller, id, "publish");
        }
        command("bob", reserved, "reserve");
        command("bob", sold, "reserve");
        command(seller, sold, "sell");
        command(seller, withdrawn, "withdraw");

        assertThat(view(draft, 1).getString("status")).isEqualTo("DRAFT");
        assertThat(view(published, 2).getString("status")).isEqualTo("PUBLISHED");
        assertThat(view(reserved, 3).getString("buyerId")).isEqualTo("bob");
        assertThat(view(reserved, 3).getString("status")).isEqualTo("RESERVED");
        assertThat(view(sold, 4).getString("status")).isEqualTo("SOLD");
        assertThat(view(withdrawn, 2).getString("status")).isEqualTo("WITHDRAWN");

        // On the market: published (20) and reserved (40); sold: one.
        assertThat(categoryStats(category)).containsEntry("active", 2).containsEntry("sold", 1)
                .containsEntry("minPrice", "20.00").containsEntry("maxPrice", "40.00").containsEntry("avgPrice", "30.00");
        reader().get("/sellers/" + seller + "/stats").then().statusCode(200)
                .body("drafts", equalTo(1)).body("active", equalTo(1)).body("reserved", equalTo(1))
                .body("sold", equalTo(1)).body("withdrawn", equalTo(1))
                .body("revenue", hasSize(1))
                .body("revenue[0].currency", equalTo("EUR"))
                .body("revenue[0].amount", equalTo("70.00"));

        // A price change and a release move the numbers; the cheapest leaves the market.
        as(seller).body(Map.of("amount", "55", "currency", "EUR")).post("/listings/" + published + "/price")
                .then().statusCode(200);
        command("bob", reserved, "release");
        view(reserved, 4);
        assertThat(view(published, 3).getString("price.amount")).isEqualTo("55");
        assertThat(categoryStats(category)).containsEntry("active", 2)
                .containsEntry("minPrice", "40.00").containsEntry("maxPrice", "55");
        given().get("/sellers/" + seller + "/stats").then().body("active", equalTo(2)).body("reserved", equalTo(0));
        assertThat(view(reserved, 4).getString("buyerId")).isNull();
    }

    @Test
    void records_on_the_topic_are_cloud_events_keyed_by_listing_in_version_order() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        UUID id = createListing("alice", "lamps", "12.50");
        command("alice", id, "publish");
        as("alice").header("traceparent", traceparent).body(Map.of("amount", "11", "currency", "EUR"))
                .post("/listings/" + id + "/price").then().statusCode(200);
        command("bob", id, "reserve");
        view(id, 4);

        List<ConsumerRecord<String, String>> records =
                KafkaTopics.read(QuarkusTestTopics.EVENTS, record -> id.toString().equals(record.key()));

        assertThat(records).extracting(r -> KafkaTopics.header(r, "ce_streamversion"))
                .containsExactly("1", "2", "3", "4");
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.getFirst().partition());
        assertThat(records).extracting(r -> KafkaTopics.header(r, "ce_type")).containsExactly(
                "com.agilex.listings.listing.created.v1", "com.agilex.listings.listing.published.v1",
                "com.agilex.listings.listing.price-changed.v2", "com.agilex.listings.listing.reserved.v2");
        assertThat(records).allSatisfy(record -> {
            assertThat(KafkaTopics.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(KafkaTopics.header(record, "ce_source")).isEqualTo("/listings");
            assertThat(KafkaTopics.header(record, "ce_subject")).isEqualTo(id.toString());
            assertThat(UUID.fromString(KafkaTopics.header(record, "ce_id"))).isNotNull();
            assertThat(KafkaTopics.header(record, "ce_time")).isNotBlank();
            assertThat(KafkaTopics.header(record, "content-type")).isEqualTo("application/json");
            assertThat(KafkaTopics.header(record, "ce_correlationid")).isNotBlank();
        });
        assertThat(records.get(2).value()).contains("\"price\"").contains("\"11\"");
        // The event carries the command's span: in the caller's trace, a child of the caller's span.
        String stored = KafkaTopics.header(records.get(2), "ce_traceparent");
        assertThat(stored).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").isNotEqualTo(traceparent);
        // A request without a traceparent starts a trace of its own.
        assertThat(KafkaTopics.header(records.get(0), "ce_traceparent"))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain("4bf92f3577b34da6a3ce929d0e0e4736");
        // The Kafka record's own traceparent is the relay's produce span, in the same trace.
        assertThat(KafkaTopics.header(records.get(2), "traceparent")).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
        assertThat(records).extracting(r -> KafkaTopics.header(r, "ce_id")).doesNotHaveDuplicates();
    }

    @Test
    void delivering_the_same_events_again_leaves_the_read_tables_unchanged() {
        String seller = unique("seller");
        String category = unique("cat");
        UUID first = createListing(seller, category, "30.00");
        UUID second = createListing(seller, category, "50.00");
        command(seller, first, "publish");
        command(seller, second, "publish");
        command("bob", second, "reserve");
        command(seller, second, "sell");
        view(first, 2);
        view(second, 4);
        List<String> before = readModelOf(seller, category, first, second);
        List<ConsumerRecord<String, String>> published = KafkaTopics.read(QuarkusTestTopics.EVENTS,
                record -> first.toString().equals(record.key()) || second.toString().equals(record.key()));
        assertThat(published).hasSize(6);
        long duplicatesBefore = counters.duplicates();

        var again = new ArrayList<ProducerRecord<String, String>>();
        for (int round = 0; round < 2; round++) {
            for (var record : published) {
                again.add(new ProducerRecord<>(QuarkusTestTopics.EVENTS, null, record.key(), record.value(), record.headers()));
            }
        }
        KafkaTopics.send(again);

        await().atMost(Duration.ofSeconds(30)).until(() -> counters.duplicates() - duplicatesBefore >= again.size());
        assertThat(readModelOf(seller, category, first, second)).isEqualTo(before);
    }

    @Test
    void a_poison_record_goes_to_the_dead_letter_topic_with_its_reason_and_later_events_are_applied() {
        String poisonKey = UUID.randomUUID().toString();
        var notACloudEvent = new ProducerRecord<String, String>(QuarkusTestTopics.EVENTS, poisonKey, "{not json");
        var unknownType = new ProducerRecord<String, String>(QuarkusTestTopics.EVENTS, poisonKey, "{}");
        unknownType.headers()
                .add("ce_specversion", "1.0".getBytes()).add("ce_id", UUID.randomUUID().toString().getBytes())
                .add("ce_source", "/listings".getBytes()).add("ce_type", "com.agilex.listings.listing.teleported.v1".getBytes())
                .add("ce_subject", poisonKey.getBytes()).add("ce_time", "2026-01-01T00:00:00Z".getBytes())
                .add("ce_streamversion", "1".getBytes());
        KafkaTopics.send(List.of(notACloudEvent, unknownType));

        UUID later = createListing("alice", "lamps", "33.00");

        assertThat(view(later, 1).getString("status")).isEqualTo("DRAFT");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var dead = KafkaTopics.read(QuarkusTestTopics.DEAD_LETTERS, record -> poisonKey.equals(record.key()));
            assertThat(dead).hasSize(2);
            assertThat(dead).extracting(r -> KafkaTopics.header(r, "dead-letter-reason"))
                    .anySatisfy(reason -> assertThat(reason).contains("Not a CloudEvent"))
                    .anySatisfy(reason -> assertThat(reason).contains("teleported"));
        });
        reader().get("/listings/" + poisonKey).then().statusCode(404);
    }

    @Test
    void min_version_beyond_what_exists_answers_503_after_the_bounded_wait() {
        UUID id = createListing("alice", "lamps", "5.00");
        view(id, 1);

        reader().get("/listings/" + id + "?minVersion=9").then().statusCode(503)
                .header("Retry-After", "1")
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("not-caught-up"));
        reader().get("/listings/" + id + "?minVersion=zero").then().statusCode(400);
    }

    private List<String> readModelOf(String seller, String category, UUID... listings) {
        var rows = new ArrayList<String>();
        for (UUID id : listings) {
            rows.addAll(ReadTables.rows(db, "SELECT * FROM listing_view WHERE id = ?", id));
        }
        rows.addAll(ReadTables.rows(db, "SELECT * FROM category_stats WHERE category = ?", category));
        rows.addAll(ReadTables.rows(db, "SELECT * FROM seller_stats WHERE seller_id = ?", seller));
        rows.addAll(ReadTables.rows(db, "SELECT * FROM seller_revenue WHERE seller_id = ?", seller));
        return rows;
    }
}
