package com.agilex.listings.projection;

import com.agilex.listings.contract.CloudEventTypes;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.domain.Money;
import com.agilex.listings.domain.PriceDirection;
import com.agilex.listings.eventstore.EventMetadata;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.NewEvent;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.support.WriteSide;
import io.vertx.mutiny.core.Vertx;
import com.agilex.listings.platform.JsonConfig;
import com.agilex.listings.support.KnativeProjectorProfile;
import com.agilex.listings.support.Metrics;
import com.agilex.listings.support.OnVertx;
import com.agilex.listings.support.ReadTables;
import com.agilex.listings.support.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * POST /events, as Knative Eventing delivers CloudEvents over HTTP: both modes, redeliveries,
 * out-of-order deliveries, malformed events, and what it refuses to trust: a caller that is not
 * the event source, an event the store does not hold, a stored event delivered with other data.
 * The projector role runs as on Knative (no relay, no Kafka consumer), so the events the tests
 * store reach the read model only through these deliveries.
 */
@QuarkusTest
@TestProfile(KnativeProjectorProfile.class)
class CloudEventsEndpointTest {

    static final String SOURCE = "Bearer " + KnativeProjectorProfile.EVENTS_SECRET;
    static final Currency EUR = Currency.getInstance("EUR");

    @Inject
    EventStore store;

    @Inject
    ListingEventCodec codec;

    @Inject
    AgroalDataSource db;

    @Inject
    Vertx vertx;

    static Money eur(String amount) {
        return new Money(new BigDecimal(amount), EUR);
    }

    static ListingEvent created() {
        return new ListingEvent.ListingCreated("seller-ce", "Kettle", "Steel", "kitchen", eur("30.00"));
    }

    /** Stores the events as versions 1, 2... of a new listing and returns them as stored. */
    List<RecordedEvent> stored(ListingEvent... events) {
        UUID listing = UUID.randomUUID();
        var metadata = new EventMetadata("ce-test", "ce-test", "seller-ce", null);
        var encoded = new ArrayList<NewEvent>();
        for (ListingEvent event : events) {
            encoded.add(codec.encode(event, metadata));
        }
        return stored(listing, encoded);
    }

    /** Appended as the write side: this process, a projector, may only read events. */
    List<RecordedEvent> stored(UUID listing, List<NewEvent> events) {
        OnVertx.run(() -> store.append(WriteSide.client(vertx), listing, 0, events));
        return OnVertx.run(() -> store.readStream(listing, 0));
    }

    /** A binary-mode delivery of a stored event: attributes as ce-* headers, its data as the body. */
    RequestSpecification binary(RecordedEvent event) {
        return binary(event.streamId(), event.version(), CloudEventTypes.of(event), event.eventId())
                .body(codec.currentData(event));
    }

    static RequestSpecification binary(UUID listing, long version, String type, UUID eventId) {
        return given().contentType("application/json").header("Authorization", SOURCE)
                .header("ce-specversion", "1.0").header("ce-id", eventId.toString())
                .header("ce-source", "/listings").header("ce-type", type)
                .header("ce-subject", listing.toString()).header("ce-time", Instant.now().toString())
                .header("ce-streamversion", Long.toString(version));
    }

    /** A structured-mode delivery of a stored event: one application/cloudevents+json object. */
    ValidatableResponse structured(RecordedEvent event) {
        var envelope = new LinkedHashMap<String, Object>();
        envelope.put("specversion", "1.0");
        envelope.put("id", event.eventId().toString());
        envelope.put("source", "/listings");
        envelope.put("type", CloudEventTypes.of(event));
        envelope.put("subject", event.streamId().toString());
        envelope.put("time", Instant.now().toString());
        envelope.put("streamversion", event.version());
        envelope.put("datacontenttype", "application/json");
        String body = toJson(envelope).replace("\"@data@\"", codec.currentData(event));
        return given().header("Authorization", SOURCE).contentType("application/cloudevents+json").body(body)
                .post("/events").then();
    }

    static String toJson(Map<String, Object> envelope) {
        var fields = new StringBuilder("{");
        envelope.forEach((key, value) -> fields.append('"').append(key).append("\":")
                .append(value instanceof String text ? "\"" + text + "\"" : value).append(','));
        return fields.append("\"data\":\"@data@\"}").toString();
    }

    /** The listing's view as the projector wrote it (this role serves no queries). */
    void viewIs(UUID listing, int version, String status, String price) {
        assertThat(ReadTables.rows(db,
                        "SELECT version, status, price_amount FROM listing_view WHERE id = ?", listing))
                .containsExactly("version=" + version + ", status=" + status + ", price_amount=" + price + ", ");
    }

    @Test
    void both_modes_apply_the_stored_event_and_a_redelivery_is_a_duplicate() {
        List<RecordedEvent> events = stored(created(), new ListingEvent.ListingPublished());
        binary(events.get(0)).post("/events").then()
                .statusCode(200).body("outcome", equalTo("applied")).body("version", equalTo(1));
        // Knative redelivers (the 200 was lost): same event, same answer, nothing applied twice.
        binary(events.get(0)).post("/events").then().statusCode(200).body("outcome", equalTo("duplicate"));
        structured(events.get(1)).statusCode(200).body("outcome", equalTo("applied"));
        viewIs(events.get(0).streamId(), 2, "PUBLISHED", "30.00");
    }

    @Test
    void an_old_schema_version_in_the_store_is_upcast_on_this_path_too() {
        UUID listing = UUID.randomUUID();
        var metadata = new EventMetadata("ce-test", "ce-test", "seller-ce", null);
        List<RecordedEvent> events = stored(listing, List.of(codec.encode(created(), metadata),
                new NewEvent(UUID.randomUUID(), "ListingPriceChanged", 1,
                        "{\"price\":{\"amount\":\"25.00\",\"currency\":\"EUR\"},\"previousPrice\":{\"amount\":\"30.00\",\"currency\":\"EUR\"}}",
                        metadata)));
        binary(events.get(0)).post("/events").then().statusCode(200);
        binary(events.get(1)).post("/events").then().statusCode(200).body("outcome", equalTo("applied"));
        viewIs(listing, 2, "DRAFT", "25.00");
    }

    @Test
    void an_event_delivered_before_the_one_it_follows_is_refused_with_409_until_that_one_arrives() {
        List<RecordedEvent> events = stored(created(), new ListingEvent.ListingPublished(),
                new ListingEvent.ListingPriceChanged(eur("25.00"), eur("30.00"), PriceDirection.DOWN));
        binary(events.get(0)).post("/events").then().statusCode(200);

        binary(events.get(2)).post("/events").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:agilex:listings:problem:event-out-of-order"))
                .body("detail", containsString("version 3 cannot follow"));

        structured(events.get(1)).statusCode(200);
        // The source's retry of the refused event now applies.
        binary(events.get(2)).post("/events").then().statusCode(200).body("outcome", equalTo("applied"));
        viewIs(events.get(0).streamId(), 3, "PUBLISHED", "25.00");
    }

    @Test
    void the_events_after_one_that_parked_its_listing_are_acknowledged_as_parked_not_retried() throws Exception {
        List<RecordedEvent> events = stored(new ListingEvent.ListingPublished(),
                new ListingEvent.ListingPriceChanged(eur("25.00"), eur("30.00"), PriceDirection.DOWN));
        UUID listing = events.get(0).streamId();
        try {
            binary(events.get(0)).post("/events").then().statusCode(422);

            // A 409 would be retried ten times, holding the partition behind it, for an event that cannot come.
            binary(events.get(1)).post("/events").then().statusCode(200).body("outcome", equalTo("parked"));
            assertThat(ReadTables.rows(db, "SELECT id FROM listing_view WHERE id = ?", listing)).isEmpty();
        } finally {
            try (var connection = db.getConnection();
                    var forget = connection.prepareStatement("DELETE FROM parked_listings WHERE listing_id = ?")) {
                forget.setObject(1, listing);
                forget.executeUpdate();
            }
        }
    }

    @Test
    void a_caller_that_is_not_the_event_source_gets_401_and_changes_nothing() {
        RecordedEvent created = stored(created()).getFirst();
        double refusedBefore = Metrics.scrape().sum("listings_events_refused_total", "reason=\"unauthenticated\"");
        binary(created).header("Authorization", "Bearer not-the-secret").post("/events").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().contentType("application/json").header("ce-specversion", "1.0").body("{}").post("/events").then()
                .statusCode(401);
        // A user's token is not the event source's either.
        binary(created).header("Authorization", "Bearer " + TestTokens.token("alice"))
                .post("/events").then().statusCode(401);

        assertThat(ReadTables.rows(db, "SELECT id FROM listing_view WHERE id = ?", created.streamId()))
                .isEmpty();
        assertThat(Metrics.scrape().sum("listings_events_refused_total", "reason=\"unauthenticated\""))
                .isEqualTo(refusedBefore + 3);
    }

    @Test
    void a_forged_event_changes_nothing_and_a_stored_one_is_applied_as_stored_not_as_delivered() {
        List<RecordedEvent> events = stored(created(), new ListingEvent.ListingPublished(),
                new ListingEvent.ListingPriceChanged(eur("25.00"), eur("30.00"), PriceDirection.DOWN));
        RecordedEvent created = events.get(0);
        binary(created).post("/events").then().statusCode(200);
        double refusedBefore = Metrics.scrape().sum("listings_events_refused_total", "reason=\"not_in_store\"");

        // An id the store does not hold, at the next version: the forged price change of the report.
        String forgedPrice = "{\"price\":{\"amount\":\"0.01\",\"currency\":\"EUR\"},"
                + "\"previousPrice\":{\"amount\":\"30.00\",\"currency\":\"EUR\"},\"direction\":\"DOWN\"}";
        binary(created.streamId(), 2, "com.agilex.listings.listing.price-changed.v2", UUID.randomUUID()).body(forgedPrice)
                .post("/events").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:agilex:listings:problem:event-not-in-store"));
        // A stored id, delivered as another listing's, another version or another type.
        RecordedEvent published = events.get(1);
        binary(UUID.randomUUID(), 2, "com.agilex.listings.listing.published.v1", published.eventId()).body("{}")
                .post("/events").then().statusCode(422);
        binary(created.streamId(), 3, "com.agilex.listings.listing.published.v1", published.eventId()).body("{}")
                .post("/events").then().statusCode(422);
        binary(created.streamId(), 2, "com.agilex.listings.listing.withdrawn.v1", published.eventId())
                .body("{\"reason\":\"forged\",\"previousStatus\":\"DRAFT\"}").post("/events").then().statusCode(422);
        viewIs(created.streamId(), 1, "DRAFT", "30.00");
        assertThat(Metrics.scrape().sum("listings_events_refused_total", "reason=\"not_in_store\""))
                .isEqualTo(refusedBefore + 4);

        // A stored event delivered with other data: what is applied is what the store holds.
        binary(published).post("/events").then().statusCode(200);
        RecordedEvent price = events.get(2);
        binary(price.streamId(), 3, CloudEventTypes.of(price), price.eventId()).body(forgedPrice)
                .post("/events").then().statusCode(200).body("outcome", equalTo("applied"));
        viewIs(created.streamId(), 3, "PUBLISHED", "25.00");
    }

    @Test
    void malformed_and_unknown_events_are_4xx_problems_that_must_not_be_retried() {
        UUID listing = UUID.randomUUID();
        String type = "com.agilex.listings.listing.created.v1";
        String data = "{\"sellerId\":\"s\",\"title\":\"T\",\"description\":\"D\",\"category\":\"c\",\"price\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}}";
        // No ce-id.
        given().header("Authorization", SOURCE).contentType("application/json").header("ce-specversion", "1.0")
                .header("ce-type", type).header("ce-subject", listing.toString()).header("ce-time", Instant.now().toString())
                .header("ce-streamversion", "1").body(data).post("/events").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("no id"));
        // Unknown type, and a schema version this code does not know.
        binary(listing, 1, "com.agilex.listings.listing.teleported.v1", UUID.randomUUID()).body("{}").post("/events").then()
                .statusCode(400).body("detail", containsString("Unknown CloudEvents type"));
        binary(listing, 1, "com.agilex.listings.listing.created.v9", UUID.randomUUID()).body(data).post("/events").then().statusCode(400);
        // Not a CloudEvents 1.0 delivery.
        binary(listing, 1, type, UUID.randomUUID()).header("ce-specversion", "0.3").body(data).post("/events").then().statusCode(400);
        // Structured mode: not JSON; and a subject that is not a listing id.
        given().header("Authorization", SOURCE).contentType("application/cloudevents+json").body("{not json").post("/events").then()
                .statusCode(400).body("type", equalTo("urn:agilex:listings:problem:malformed-event"));
        // Data nested deeper than any event is refused as it is read.
        String deep = "[".repeat(JsonConfig.MAX_NESTING_DEPTH) + "]".repeat(JsonConfig.MAX_NESTING_DEPTH);
        given().header("Authorization", SOURCE).contentType("application/cloudevents+json")
                .body("{\"specversion\":\"1.0\",\"data\":" + deep + "}").post("/events").then()
                .statusCode(400).body("type", equalTo("urn:agilex:listings:problem:malformed-event"))
                .body("detail", containsString("nesting depth"));
        binary(listing, 1, type, UUID.randomUUID()).header("ce-subject", "not-a-uuid").body(data).post("/events").then().statusCode(400);
        // Stored, readable, but a listing cannot start with a publication: 422.
        RecordedEvent publication = stored(new ListingEvent.ListingPublished()).getFirst();
        binary(publication).post("/events").then()
                .statusCode(422).body("type", equalTo("urn:agilex:listings:problem:event-not-applicable"));
    }
}
