package com.agilex.listings.command;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.create;
import static com.agilex.listings.support.Api.reader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A reservation holds for a configured time and then expires by itself, recorded as an event; a
 * buyer holds a bounded number at once. Short holds and a small limit, so the test sees both.
 */
@QuarkusTest
@TestProfile(ReservationRulesTest.ShortHolds.class)
class ReservationRulesTest {

    static final String SELLER = "holds-seller";

    public static class ShortHolds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("listings.reservations.hold", "PT3S",
                    "listings.reservations.sweep-interval", "PT0.25S",
                    "listings.reservations.max-per-buyer", "2");
        }
    }

    static UUID published() {
        UUID id = create(SELLER);
        command(SELLER, id, "publish");
        return id;
    }

    @Test
    void a_reservation_expires_after_its_hold_recorded_as_an_event_and_shown_by_the_view_and_the_history() {
        UUID id = published();
        Instant before = Instant.now();
        command("holds-buyer-1", id, "reserve");

        String reservedUntil = reader().get("/listings/" + id + "?minVersion=3").then().statusCode(200)
                .body("status", equalTo("RESERVED"))
                .body("reservedUntil", notNullValue())
                .extract().path("reservedUntil");
        assertThat(Instant.parse(reservedUntil)).isBetween(before.plusSeconds(3).minusMillis(1), Instant.now().plusSeconds(3));

        // Nobody releases it: the service's sweep ends it once the hold is over.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                reader().get("/listings/" + id + "?minVersion=4").then().statusCode(200)
                        .body("status", equalTo("PUBLISHED"))
                        .body("buyerId", nullValue())
                        .body("reservedUntil", nullValue()));
        Response history = as(SELLER).get("/listings/" + id + "/events");
        history.then().statusCode(200);
        assertThat(history.jsonPath().getList("items.type", String.class)).containsExactly(
                "ListingCreated", "ListingPublished", "ListingReserved", "ListingReservationExpired");
        assertThat(history.jsonPath().getString("items[3].data.buyerId")).isEqualTo("holds-buyer-1");
        assertThat(history.jsonPath().getString("items[3].data.expiredAt")).isEqualTo(reservedUntil);
        assertThat(history.jsonPath().getString("items[3].actor")).isEqualTo(ReservationExpiry.ACTOR);
        assertThat(Instant.parse(history.jsonPath().getString("items[3].recordedAt"))).isAfterOrEqualTo(Instant.parse(reservedUntil));

        // The listing is free again: another buyer may reserve it.
        command("holds-buyer-2", id, "reserve");
    }

    @Test
    void a_buyer_over_the_limit_gets_a_409_until_one_of_their_reservations_ends() {
        String buyer = "holds-buyer-" + UUID.randomUUID();
        UUID first = published();
        UUID second = published();
        UUID third = published();
        command(buyer, first, "reserve");
        command(buyer, second, "reserve");

        as(buyer).post("/listings/" + third + "/reserve").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:agilex:listings:problem:reservation-limit"))
                .body("detail", equalTo("A buyer may hold at most 2 reservations at once; release one or let one expire first"));
        reader().get("/listings/" + third + "?minVersion=2").then().body("status", equalTo("PUBLISHED"));

        command(buyer, first, "release");
        command(buyer, third, "reserve");
    }

    @Test
    void reservations_sent_at_once_by_one_buyer_do_not_pass_the_limit_together() {
        String buyer = "holds-buyer-" + UUID.randomUUID();
        List<UUID> listings = IntStream.range(0, 6).mapToObj(i -> published()).toList();

        List<Integer> statuses = listings.stream()
                .map(id -> CompletableFuture.supplyAsync(() -> as(buyer).post("/listings/" + id + "/reserve").statusCode()))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(2);
    }

    @Test
    void a_retried_reservation_under_one_idempotency_key_gets_the_first_answer() {
        UUID id = published();
        String key = "reserve-" + UUID.randomUUID();

        as("holds-buyer-3").header("Idempotency-Key", key).post("/listings/" + id + "/reserve").then().statusCode(200)
                .body("version", equalTo(3));
        as("holds-buyer-3").header("Idempotency-Key", key).post("/listings/" + id + "/reserve").then().statusCode(200)
                .header("Idempotency-Replayed", "true")
                .body("version", equalTo(3));
    }
}
