package com.agilex.listings.roles;

import com.agilex.listings.contract.CloudEventTypes;
import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.listing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.domain.Money;
import com.agilex.listings.eventstore.EventMetadata;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.support.WriteSide;
import io.vertx.mutiny.core.Vertx;
import com.agilex.listings.platform.Roles;
import com.agilex.listings.relay.KafkaRelay;
import com.agilex.listings.support.Beans;
import com.agilex.listings.support.KnativeProjectorProfile;
import com.agilex.listings.support.OnVertx;
import com.agilex.listings.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** LISTINGS_ROLE=projector as Knative runs it: the /events function and the admin endpoints; no relay, no API. */
@QuarkusTest
@TestProfile(KnativeProjectorProfile.class)
class ProjectorRoleTest {

    @Inject
    EventStore store;

    @Inject
    Vertx vertx;

    @Inject
    ListingEventCodec codec;

    @Test
    void it_applies_delivered_events_and_serves_admin_but_no_commands_or_queries() {
        // The relay, and with it the Kafka channel it sends on, is never created here.
        assertThat(Beans.created(KafkaRelay.class)).as("a relay was created").isFalse();
        UUID listing = UUID.randomUUID();
        var created = new ListingEvent.ListingCreated("s", "T", "D", "c", new Money(new BigDecimal("1.00"), Currency.getInstance("EUR")));
        // Appended as the write side: the projector may only read events.
        OnVertx.run(() -> store.append(WriteSide.client(vertx), listing, 0, List.of(codec.encode(created, new EventMetadata("c", "c", "s", null)))));
        RecordedEvent stored = OnVertx.run(() -> store.readStream(listing, 0)).getFirst();
        given().contentType("application/json").header("Authorization", "Bearer " + KnativeProjectorProfile.EVENTS_SECRET)
                .header("ce-specversion", "1.0").header("ce-id", stored.eventId().toString())
                .header("ce-source", "/listings").header("ce-type", CloudEventTypes.of(stored))
                .header("ce-subject", listing.toString()).header("ce-time", Instant.now().toString())
                .header("ce-streamversion", "1").body(codec.currentData(stored))
                .post("/events").then().statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(TestTokens.token("root", Roles.ADMIN)).get("/admin/projections").then().statusCode(200);
        given().auth().oauth2(TestTokens.token("root", Roles.ADMIN)).get("/admin/consistency").then().statusCode(200);

        as("alice").body(listing("Lamp", "lighting", "10.00", "EUR")).post("/listings").then().statusCode(404);
        given().get("/listings/" + listing).then().statusCode(404);
        // The projector's check is here; the relay's (no relay here) is not.
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("listings-projector"));
        given().get("/q/health/well").then().statusCode(200).body("checks.name", not(hasItem("listings-relay")));
    }
}
