package com.agilex.listings.command;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.create;
import static org.hamcrest.Matchers.equalTo;

import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.domain.Money;
import com.agilex.listings.domain.PriceDirection;
import com.agilex.listings.eventstore.EventMetadata;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.support.OnVertx;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A command decided on the state this process remembers of a listing is answered as if the
 * stream had been read, also when another process changed the listing meanwhile: the tests
 * append to the store behind this process's back, as a second command process would.
 */
@QuarkusTest
class RememberedStateTest {

    static final Currency EUR = Currency.getInstance("EUR");

    @Inject
    EventStore store;

    @Inject
    ListingEventCodec codec;

    /** Appends {@code event} at {@code version} as another process would. */
    void elsewhere(UUID listing, long version, ListingEvent event) {
        OnVertx.run(() -> store.append(listing, version - 1,
                List.of(codec.encode(event, new EventMetadata("elsewhere", "elsewhere", "seller", null)))));
    }

    static ListingEvent.ListingPriceChanged price(String amount, String previous) {
        return new ListingEvent.ListingPriceChanged(new Money(new BigDecimal(amount), EUR), new Money(new BigDecimal(previous), EUR),
                PriceDirection.UP);
    }

    @Test
    void a_transition_made_elsewhere_is_seen_before_the_answer() {
        UUID id = create("seller");
        elsewhere(id, 2, new ListingEvent.ListingPublished());
        as("seller").post("/listings/" + id + "/publish").then().statusCode(409)
                .body("type", equalTo("urn:agilex:listings:problem:illegal-transition"));
    }

    @Test
    void no_change_is_only_answered_once_the_stored_stream_confirms_it() {
        UUID id = create("seller");   // 350.00 EUR, remembered here at version 1
        elsewhere(id, 2, price("400.00", "350.00"));
        // Remembered: already 350.00, nothing to do. Stored: 400.00, so this is a change.
        as("seller").body("{\"amount\":\"350.00\",\"currency\":\"EUR\"}").post("/listings/" + id + "/price").then()
                .statusCode(200).body("version", equalTo(3));
        // Remembered now: 350.00 at version 3; the same price again changes nothing.
        as("seller").body("{\"amount\":\"350.00\",\"currency\":\"EUR\"}").post("/listings/" + id + "/price").then()
                .statusCode(200).body("version", equalTo(3));
    }

    @Test
    void a_change_decided_on_a_stale_state_conflicts_and_is_decided_again() {
        UUID id = create("seller");
        elsewhere(id, 2, price("400.00", "350.00"));
        // Remembered 350.00 says change; the append conflicts; stored 400.00 says nothing to do.
        as("seller").body("{\"amount\":\"400.00\",\"currency\":\"EUR\"}").post("/listings/" + id + "/price").then()
                .statusCode(200).body("version", equalTo(2));
        // If-Match the stored version, while this process may still remember version 1.
        elsewhere(id, 3, price("450.00", "400.00"));
        as("seller").header("If-Match", "\"3\"").body("{\"amount\":\"500.00\",\"currency\":\"EUR\"}")
                .post("/listings/" + id + "/price").then().statusCode(200).body("version", equalTo(4));
        as("seller").header("If-Match", "\"3\"").body("{\"amount\":\"550.00\",\"currency\":\"EUR\"}")
                .post("/listings/" + id + "/price").then().statusCode(412);
    }
}
