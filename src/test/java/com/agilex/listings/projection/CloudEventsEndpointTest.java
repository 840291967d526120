package com.agilex.listings.projection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * POST /events, as Knative Eventing delivers CloudEvents over HTTP: both modes, redeliveries,
 * out-of-order deliveries and malformed events. The listings here exist only in these
 * deliveries (not in the event store), so the Kafka projector never touches them.
 */
@QuarkusTest
class CloudEventsEndpointTest {

    static final String PREFIX = "com.agilex.listings.listing.";
    static final String CREATED = "{\"sellerId\":\"seller-ce\",\"title\":\"Kettle\",\"description\":\"Steel\","
            + "\"category\":\"kitchen\",\"price\":{\"amount\":\"30.00\",\"currency\":\"EUR\"}}";
    static final String PRICE_DOWN_V1 = "{\"price\":{\"amount\":\"25.00\",\"currency\":\"EUR\"},"
            + "\"previousPrice\":{\"amount\":\"30.00\",\"currency\":\"EUR\"}}";

    /** A binary-mode delivery: attributes as ce-* headers, the data as the body. */
    static RequestSpecification binary(UUID listing, long version, String type, UUID eventId) {
        return given().contentType("application/json")
                .header("ce-specversion", "1.0").header("ce-id", eventId.toString())
                .header("ce-source", "/listings").header("ce-type", PREFIX + type)
                .header("ce-subject", listing.toString()).header("ce-time", Instant.now().toString())
                .header("ce-streamversion", Long.toString(version));
    }

    /** A structured-mode delivery: one application/cloudevents+json object. */
    static ValidatableResponse structured(UUID listing, long version, String type, String data) {
        var envelope = new LinkedHashMap<String, Object>();
        envelope.put("specversion", "1.0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("source", "/listings");
        envelope.put("type", PREFIX + type);
        envelope.put("subject", listing.toString());
        envelope.put("time", Instant.now().toString());
        envelope.put("streamversion", version);
        envelope.put("datacontenttype", "application/json");
        String body = toJson(envelope).replace("\"@data@\"", data);
        return given().contentType("application/cloudevents+json").body(body).post("/events").then();
    }

    static String toJson(Map<String, Object> envelope) {
        var fields = new StringBuilder("{");
        envelope.forEach((key, value) -> fields.append('"').append(key).append("\":")
                .append(value instanceof String text ? "\"" + text + "\"" : value).append(','));
        return fields.append("\"data\":\"@data@\"}").toString();
    }

    static void viewIs(UUID listing, int version, String status) {
        given().get("/listings/" + listing).then().statusCode(200)
                .body("version", equalTo(version)).body("status", equalTo(status));
    }

    @Test
    void both_modes_apply_through_the_projection_and_a_redelivery_is_a_duplicate() {
        UUID listing = UUID.randomUUID();
        UUID created = UUID.randomUUID();
        binary(listing, 1, "created.v1", created).body(CREATED).post("/events").then()
                .statusCode(200).body("outcome", equalTo("applied")).body("version", equalTo(1));
        viewIs(listing, 1, "DRAFT");

        // Knative redelivers (the 200 was lost): same event, same answer, nothing applied twice.
        binary(listing, 1, "created.v1", created).body(CREATED).post("/events").then()
                .statusCode(200).body("outcome", equalTo("duplicate"));

        structured(listing, 2, "published.v1", "{}").statusCode(200).body("outcome", equalTo("applied"));
        viewIs(listing, 2, "PUBLISHED");
        // An old schema version is upcast on this path too.
        structured(listing, 3, "price-changed.v1", PRICE_DOWN_V1).statusCode(200).body("outcome", equalTo("applied"));
        given().get("/listings/" + listing).then().body("price.amount", equalTo("25.00"));
    }

    @Test
    void an_event_delivered_before_the_one_it_follows_is_refused_with_409_until_that_one_arrives() {
        UUID listing = UUID.randomUUID();
        binary(listing, 1, "created.v1", UUID.randomUUID()).body(CREATED).post("/events").then().statusCode(200);

        UUID price = UUID.randomUUID();
        binary(listing, 3, "price-changed.v1", price).body(PRICE_DOWN_V1).post("/events").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:agilex:listings:problem:event-out-of-order"))
                .body("detail", containsString("version 3 cannot follow"));
        viewIs(listing, 1, "DRAFT");

        structured(listing, 2, "published.v1", "{}").statusCode(200);
        // The source's retry of the refused event now applies.
        binary(listing, 3, "price-changed.v1", price).body(PRICE_DOWN_V1).post("/events").then()
                .statusCode(200).body("outcome", equalTo("applied"));
        viewIs(listing, 3, "PUBLISHED");
    }

    @Test
    void malformed_and_unknown_events_are_4xx_problems_that_must_not_be_retried() {
        UUID listing = UUID.randomUUID();
        // No ce-id.
        given().contentType("application/json").header("ce-specversion", "1.0").header("ce-type", PREFIX + "created.v1")
                .header("ce-subject", listing.toString()).header("ce-time", Instant.now().toString())
                .header("ce-streamversion", "1").body(CREATED).post("/events").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("no id"));
        // Unknown type.
        binary(listing, 1, "teleported.v1", UUID.randomUUID()).body("{}").post("/events").then()
                .statusCode(400).body("detail", containsString("Unknown CloudEvents type"));
        // A schema version this code does not know.
        binary(listing, 1, "created.v9", UUID.randomUUID()).body(CREATED).post("/events").then().statusCode(400);
        // Not a CloudEvents 1.0 delivery.
        binary(listing, 1, "created.v1", UUID.randomUUID()).header("ce-specversion", "0.3").body(CREATED)
                .post("/events").then().statusCode(400);
        // Structured mode: not JSON, and a subject that is not a listing id.
        given().contentType("application/cloudevents+json").body("{not json").post("/events").then()
                .statusCode(400).body("type", equalTo("urn:agilex:listings:problem:malformed-event"));
        binary(listing, 1, "created.v1", UUID.randomUUID()).header("ce-subject", "not-a-uuid").body(CREATED)
                .post("/events").then().statusCode(400);
        // Readable, but a listing cannot start with a publication: 422.
        binary(listing, 1, "published.v1", UUID.randomUUID()).body("{}").post("/events").then()
                .statusCode(422).body("type", equalTo("urn:agilex:listings:problem:event-not-applicable"));
        given().get("/listings/" + listing).then().statusCode(404);
    }
}
