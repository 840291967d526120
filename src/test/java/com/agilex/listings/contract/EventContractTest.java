package com.agilex.listings.contract;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.domain.Money;
import com.agilex.listings.eventstore.EventMetadata;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.NewEvent;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.support.KafkaTopics;
import com.agilex.listings.support.OnVertx;
import com.agilex.listings.support.QuarkusTestTopics;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * The published events are what the contract says: every event type the service writes, and
 * the older schema versions the store still holds, are driven through the real relay to the real
 * broker; each record, its headers, key and payload, is validated against the AsyncAPI document
 * and the payload schemas the service serves (/contract/).
 */
@QuarkusTest
class EventContractTest {

    static final EventContract CONTRACT = new EventContract();
    static final Money EUR_10 = new Money(new BigDecimal("10.00"), Currency.getInstance("EUR"));

    @Inject
    EventStore store;

    @Inject
    ListingEventCodec codec;

    /** Through the API: every command a user sends, so every event type they cause. */
    List<UUID> throughTheApi() {
        UUID sold = create("contract-seller");
        as("contract-seller").body(Map.of("title", "Lamp", "description", "Brass", "category", "home-garden"))
                .patch("/listings/" + sold).then().statusCode(200);
        // An amount written with an exponent is published as a plain decimal.
        as("contract-seller").body(Map.of("amount", "1E3", "currency", "EUR")).post("/listings/" + sold + "/price")
                .then().statusCode(200);
        command("contract-seller", sold, "publish");
        command("contract-buyer", sold, "reserve");
        command("contract-buyer", sold, "release");
        command("contract-buyer", sold, "reserve");
        command("contract-seller", sold, "sell");

        UUID withdrawn = create("contract-seller");
        as("contract-seller").body(Map.of("reason", "Changed my mind")).post("/listings/" + withdrawn + "/withdraw")
                .then().statusCode(200);
        UUID soldOffline = create("contract-seller");
        command("contract-seller", soldOffline, "publish");
        command("contract-seller", soldOffline, "sell");
        return List.of(sold, withdrawn, soldOffline);
    }

    /**
     * Into the store as older code wrote them: a version 1 price change and reservation (the relay
     * upcasts them), and an expiry (the sweep's, which a test would otherwise wait a hold for).
     */
    UUID olderVersionsInTheStore() {
        UUID id = UUID.randomUUID();
        var metadata = new EventMetadata("contract", "contract", "contract-seller", null);
        var events = List.of(
                codec.encode(new ListingEvent.ListingCreated("contract-seller", "Kettle", "", "kitchen", EUR_10), metadata),
                new NewEvent(UUID.randomUUID(), "ListingPriceChanged", 1,
                        "{\"price\":{\"amount\":\"12.00\",\"currency\":\"EUR\"},\"previousPrice\":{\"amount\":\"10.00\",\"currency\":\"EUR\"}}",
                        metadata),
                codec.encode(new ListingEvent.ListingPublished(), metadata),
                new NewEvent(UUID.randomUUID(), "ListingReserved", 1, "{\"buyerId\":\"contract-buyer\"}", metadata),
                codec.encode(new ListingEvent.ListingReservationReleased("contract-buyer", "contract-seller"), metadata),
                codec.encode(new ListingEvent.ListingReserved("contract-buyer", Instant.parse("2026-12-05T10:00:00Z")), metadata),
                codec.encode(new ListingEvent.ListingReservationExpired("contract-buyer", Instant.parse("2026-12-05T10:00:00Z")), metadata));
        OnVertx.run(() -> store.append(id, 0, events));
        return id;
    }

    static Map<String, String> headers(ConsumerRecord<String, String> record) {
        var headers = new java.util.LinkedHashMap<String, String>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Test
    void every_published_event_matches_the_contract_headers_key_and_payload() {
        var listings = new ArrayList<>(throughTheApi());
        UUID older = olderVersionsInTheStore();
        listings.add(older);
        Set<String> keys = listings.stream().map(UUID::toString).collect(Collectors.toSet());
        int expected = 8 + 2 + 3 + 7;

        List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(30)).until(
                () -> KafkaTopics.read(QuarkusTestTopics.EVENTS, record -> keys.contains(record.key())),
                found -> found.size() >= expected);

        assertThat(records).hasSize(expected);
        var violations = new ArrayList<String>();
        for (ConsumerRecord<String, String> record : records) {
            Map<String, String> headers = headers(record);
            String type = headers.get("ce_type");
            String where = type + " (listing " + record.key() + ", version " + headers.get("ce_streamversion") + "): ";
            var message = CONTRACT.message(type);
            if (message.isEmpty()) {
                violations.add(where + "ce_type is not a message of the contract");
                continue;
            }
            ObjectNode headerDocument = JsonNodeFactory.instance.objectNode();
            headers.forEach(headerDocument::put);
            EventContract.violations(message.get().headers(), headerDocument).forEach(v -> violations.add(where + "header " + v));
            EventContract.violations(EventContract.schemaFile(message.get().payloadFile()), EventContract.parse(record.value()))
                    .forEach(v -> violations.add(where + "payload " + v));
            if (!record.key().equals(headers.get("ce_subject"))) {
                violations.add(where + "the key is not the listing id");
            }
        }
        assertThat(violations).isEmpty();
        // Every type the service publishes today came by, in its current schema version.
        Set<String> published = records.stream().map(record -> headers(record).get("ce_type")).collect(Collectors.toSet());
        Set<String> current = ListingEventCodec.TYPES.stream().map(CloudEventTypes::of).collect(Collectors.toSet());
        assertThat(published).isEqualTo(current);
        // The amount given as 1E3 travels as a plain decimal.
        assertThat(records).anySatisfy(record -> assertThat(record.value()).contains("\"amount\":\"1000\""));
    }

    @Test
    void the_older_versions_the_store_holds_match_their_schemas() {
        UUID older = olderVersionsInTheStore();
        List<RecordedEvent> stored = OnVertx.run(() -> store.readStream(older, 0));
        var violations = new ArrayList<String>();
        for (RecordedEvent event : stored) {
            String file = ListingEventCodec.TYPES.stream().filter(type -> type.name().equals(event.type())).findFirst()
                    .map(type -> "schemas/" + kebab(type.name()) + ".v" + event.schemaVersion() + ".json").orElseThrow();
            EventContract.violations(EventContract.schemaFile(file), EventContract.parse(event.data()))
                    .forEach(v -> violations.add(event.type() + " v" + event.schemaVersion() + ": " + v));
        }
        assertThat(stored).extracting(RecordedEvent::schemaVersion).contains(1, 2);
        assertThat(violations).isEmpty();
    }

    @Test
    void the_service_serves_its_contract() {
        given().get("/contract/asyncapi.yaml").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("asyncapi: 3.0.0"));
        given().get("/contract/schemas/listing-created.v1.json").then().statusCode(200)
                .body("title", org.hamcrest.Matchers.equalTo("ListingCreated (schema version 1)"));
    }

    /** ListingReservationExpired → listing-reservation-expired. */
    static String kebab(String typeName) {
        return typeName.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
