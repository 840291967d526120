package com.agilex.listings.roles;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.listing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.agilex.listings.platform.Roles;
import com.agilex.listings.relay.KafkaRelay;
import com.agilex.listings.support.Beans;
import com.agilex.listings.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** LISTINGS_ROLE=projector: the /events function and the admin endpoints; no relay, no API. */
@QuarkusTest
@TestProfile(RoleProfiles.Projector.class)
class ProjectorRoleTest {

    @Test
    void it_applies_delivered_events_and_serves_admin_but_no_commands_or_queries() {
        // The relay, and with it the Kafka channel it sends on, is never created here.
        assertThat(Beans.created(KafkaRelay.class)).as("a relay was created").isFalse();
        UUID listing = UUID.randomUUID();
        given().contentType("application/json").header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString())
                .header("ce-source", "/listings").header("ce-type", "com.agilex.listings.listing.created.v1")
                .header("ce-subject", listing.toString()).header("ce-time", Instant.now().toString())
                .header("ce-streamversion", "1")
                .body("{\"sellerId\":\"s\",\"title\":\"T\",\"description\":\"D\",\"category\":\"c\","
                        + "\"price\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}}")
                .post("/events").then().statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(TestTokens.token("root", Roles.ADMIN)).get("/admin/projections").then().statusCode(200);
        // The consistency check reads the event store: the delivered listing has a view but no stream here.
        given().auth().oauth2(TestTokens.token("root", Roles.ADMIN)).get("/admin/consistency").then().statusCode(200)
                .body("viewsWithoutStream", greaterThanOrEqualTo(1));

        as("alice").body(listing("Lamp", "lighting", "10.00", "EUR")).post("/listings").then().statusCode(404);
        given().get("/listings/" + listing).then().statusCode(404);
        // The projector's check is here; the relay's (no relay here) is not.
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("listings-projector")).body("checks.name", not(hasItem("listings-relay")));
    }
}
