package com.agilex.listings.command;

import static com.agilex.listings.support.Api.reader;
import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.create;
import static com.agilex.listings.support.Api.listing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.agilex.listings.support.EventRows;
import com.agilex.listings.support.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every command of the API (docs/api.md) over HTTP, on the real PostgreSQL: answers, state and stored events. */
@QuarkusTest
class ListingCommandsTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URI listings;

    @Test
    void create_answers_201_with_location_etag_and_version_1() {
        var created = as("alice").body(listing("Lamp", "home", "12.50", "EUR"))
                .post("/listings")
                .then().statusCode(201)
                .header("ETag", "\"1\"")
                .body("version", equalTo(1))
                .extract();

        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/listings/" + id);
        reader().get(created.header("Location") + "?minVersion=1").then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void a_created_listing_is_a_draft_of_its_seller() {
        UUID id = create("alice");

        reader().get("/listings/" + id + "?minVersion=1")
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("id", equalTo(id.toString()))
                .body("sellerId", equalTo("alice"))
                .body("title", equalTo("Road bike"))
                .body("category", equalTo("bikes"))
                .body("price.amount", equalTo("350.00"))
                .body("price.currency", equalTo("EUR"))
                .body("status", equalTo("DRAFT"))
                .body("version", equalTo(1));
    }

    @Test
    void invalid_values_answer_400_with_every_field_error() {
        as("alice").body(Map.of("title", " ", "category", "Home Garden",
                        "price", Map.of("amount", "1.234", "currency", "EURO")))
                .post("/listings")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("type", endsWith("invalid-command"))
                .body("errors.field", containsInAnyOrder("title", "category", "price.currency"));
    }

    @Test
    void update_details_changes_only_the_fields_given() {
        UUID id = create("alice");

        as("alice").body(Map.of("title", "Racing bike", "category", "road-bikes"))
                .patch("/listings/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));

        reader().get("/listings/" + id + "?minVersion=2").then()
                .body("title", equalTo("Racing bike"))
                .body("category", equalTo("road-bikes"))
                .body("description", equalTo("A fine road bike"));
    }

    @Test
    void a_command_that_changes_nothing_appends_nothing_and_answers_the_current_version() {
        UUID id = create("alice");

        as("alice").body(Map.of("title", "Road bike")).patch("/listings/" + id)
                .then().statusCode(200).body("version", equalTo(1));
        as("alice").body(Map.of("amount", "350", "currency", "EUR")).post("/listings/" + id + "/price")
                .then().statusCode(200).body("version", equalTo(1));

        assertThat(EventRows.of(db, id)).hasSize(1);
    }

    @Test
    void change_price_is_allowed_until_sold() {
        UUID id = create("alice");
        command("alice", id, "publish");
        command("bob", id, "reserve");

        as("alice").body(Map.of("amount", "300", "currency", "EUR")).post("/listings/" + id + "/price")
                .then().statusCode(200).body("version", equalTo(4));
        reader().get("/listings/" + id + "?minVersion=4").then().body("price.amount", equalTo("300"));

        command("alice", id, "sell");
        as("alice").body(Map.of("amount", "250", "currency", "EUR")).post("/listings/" + id + "/price")
                .then().statusCode(409).contentType(PROBLEM).body("type", endsWith("illegal-transition"));
    }

    @Test
    void publish_reserve_release_and_sell_walk_the_lifecycle() {
        UUID id = create("alice");

        command("alice", id, "publish");
        reader().get("/listings/" + id + "?minVersion=2").then().body("status", equalTo("PUBLISHED"));

        command("bob", id, "reserve");
        reader().get("/listings/" + id + "?minVersion=3").then().body("status", equalTo("RESERVED")).body("buyerId", equalTo("bob"));

        command("bob", id, "release");
        reader().get("/listings/" + id + "?minVersion=4").then().body("status", equalTo("PUBLISHED")).body("buyerId", nullValue());

        command("carol", id, "reserve");
        as("alice").body(Map.of("buyerId", "carol")).post("/listings/" + id + "/sell").then().statusCode(200);
        reader().get("/listings/" + id + "?minVersion=6").then()
                .body("status", equalTo("SOLD"))
                .body("buyerId", equalTo("carol"))
                .body("version", equalTo(6));
    }

    @Test
    void illegal_transitions_answer_409() {
        UUID id = create("alice");

        given().auth().oauth2(TestTokens.token("bob")).post("/listings/" + id + "/reserve")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("illegal-transition"))
                .body("detail", equalTo("Cannot reserve a listing that is DRAFT"));
        given().auth().oauth2(TestTokens.token("alice")).post("/listings/" + id + "/release")
                .then().statusCode(409).contentType(PROBLEM);
        command("alice", id, "publish");
        given().auth().oauth2(TestTokens.token("alice")).post("/listings/" + id + "/publish")
                .then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void a_reserved_listing_cannot_be_sold_to_another_buyer() {
        UUID id = create("alice");
        command("alice", id, "publish");
        command("bob", id, "reserve");

        as("alice").body(Map.of("buyerId", "carol")).post("/listings/" + id + "/sell")
                .then().statusCode(409).contentType(PROBLEM).body("type", endsWith("conflict"));
    }

    @Test
    void reserve_is_for_anyone_but_the_seller_and_release_for_the_seller_or_that_buyer() {
        UUID id = create("alice");
        command("alice", id, "publish");

        given().auth().oauth2(TestTokens.token("alice")).post("/listings/" + id + "/reserve")
                .then().statusCode(403).contentType(PROBLEM).body("type", endsWith("not-permitted"));
        command("bob", id, "reserve");
        given().auth().oauth2(TestTokens.token("carol")).post("/listings/" + id + "/release")
                .then().statusCode(403).contentType(PROBLEM);
        command("alice", id, "release");
    }

    @Test
    void withdraw_keeps_the_reason_and_ends_the_listing() {
        UUID id = create("alice");

        as("alice").body(Map.of("reason", "moved abroad")).post("/listings/" + id + "/withdraw")
                .then().statusCode(200).body("version", equalTo(2));
        reader().get("/listings/" + id + "?minVersion=2").then().body("status", equalTo("WITHDRAWN"));
        as("alice").post("/listings/" + id + "/withdraw")
                .then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void only_the_seller_may_change_a_listing() {
        UUID id = create("alice");

        as("mallory").body(Map.of("title", "Mine now")).patch("/listings/" + id)
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        as("mallory").body(Map.of("amount", "1", "currency", "EUR")).post("/listings/" + id + "/price")
                .then().statusCode(403);
        for (String command : new String[] {"publish", "sell", "withdraw"}) {
            as("mallory").post("/listings/" + id + "/" + command)
                    .then().statusCode(403).contentType(PROBLEM);
        }
        assertThat(EventRows.of(db, id)).hasSize(1);
    }

    @Test
    void if_match_with_the_current_version_succeeds_and_a_stale_one_answers_412_and_appends_nothing() {
        UUID id = create("alice");
        as("alice").body(Map.of("title", "Racing bike")).header("If-Match", "\"1\"").patch("/listings/" + id)
                .then().statusCode(200).header("ETag", "\"2\"");

        as("alice").body(Map.of("title", "Stale edit")).header("If-Match", "\"1\"").patch("/listings/" + id)
                .then().statusCode(412).contentType(PROBLEM).body("type", endsWith("version-mismatch"));
        given().auth().oauth2(TestTokens.token("alice")).header("If-Match", "\"7\"").post("/listings/" + id + "/publish")
                .then().statusCode(412);

        assertThat(EventRows.of(db, id)).extracting(EventRows.Row::version).containsExactly(1L, 2L);
        reader().get("/listings/" + id + "?minVersion=2").then().body("title", equalTo("Racing bike"));
    }

    @Test
    void a_get_with_the_current_etag_answers_304() {
        UUID id = create("alice");

        reader().header("If-None-Match", "\"1\"").get("/listings/" + id + "?minVersion=1").then().statusCode(304);
        command("alice", id, "publish");
        reader().header("If-None-Match", "\"1\"").get("/listings/" + id + "?minVersion=2").then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void every_event_stores_correlation_causation_and_actor() {
        String id = as("alice").header("X-Correlation-Id", "checkout-42")
                .body(listing("Desk", "office", "80", "EUR"))
                .post("/listings")
                .then().statusCode(201).header("X-Correlation-Id", "checkout-42")
                .extract().path("id");
        String generated = given().auth().oauth2(TestTokens.token("alice")).post("/listings/" + id + "/publish")
                .then().statusCode(200).extract().header("X-Correlation-Id");

        var rows = EventRows.of(db, UUID.fromString(id));
        assertThat(rows).extracting(EventRows.Row::type).containsExactly("ListingCreated", "ListingPublished");
        assertThat(rows.get(0).correlationId()).isEqualTo("checkout-42");
        assertThat(rows.get(1).correlationId()).isEqualTo(generated).isNotBlank();
        assertThat(rows).extracting(EventRows.Row::actor).containsOnly("alice");
        assertThat(rows.get(0).causationId()).isNotEqualTo(rows.get(1).causationId());
        assertThat(rows).allSatisfy(row -> assertThat(UUID.fromString(row.causationId())).isNotNull());
    }

    @Test
    void commands_on_unknown_listings_answer_404() {
        String unknown = UUID.randomUUID().toString();

        given().auth().oauth2(TestTokens.token("alice")).post("/listings/" + unknown + "/publish")
                .then().statusCode(404).contentType(PROBLEM).body("type", endsWith("listing-not-found"));
        as("alice").body(Map.of("title", "x")).patch("/listings/" + unknown).then().statusCode(404);
        reader().get("/listings/" + unknown).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void the_price_endpoint_validates_the_new_price() {
        UUID id = create("alice");

        as("alice").body(Map.of("amount", "-3", "currency", "EUR")).post("/listings/" + id + "/price")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("price.amount"));
        given().auth().oauth2(TestTokens.token("alice")).contentType(ContentType.JSON).body("{}")
                .post("/listings/" + id + "/price")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("price.amount", "price.currency"));
    }

    @Test
    void sell_and_withdraw_accept_a_bare_post_without_body_or_content_type() throws Exception {
        UUID id = create("alice");
        command("alice", id, "publish");
        var client = HttpClient.newHttpClient();
        var bare = HttpRequest.newBuilder(listings.resolve("/listings/" + id + "/withdraw"))
                .header("Authorization", "Bearer " + TestTokens.token("alice"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();

        var response = client.send(bare, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        reader().get("/listings/" + id + "?minVersion=3").then().body("status", equalTo("WITHDRAWN"));
    }
}
