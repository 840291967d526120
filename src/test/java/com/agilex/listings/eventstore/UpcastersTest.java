package com.agilex.listings.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agilex.listings.eventstore.ListingEventCodec.UnreadableEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The upcasters alone: old shapes in, current shapes out. */
class UpcastersTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode priceChangedV1(String amount, String currency, String previousAmount, String previousCurrency) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"price": {"amount": "%s", "currency": "%s"}, "previousPrice": {"amount": "%s", "currency": "%s"}}"""
                .formatted(amount, currency, previousAmount, previousCurrency));
    }

    @Test
    void price_changed_v1_gets_the_direction_derived_from_its_two_prices() throws Exception {
        assertThat(Upcasters.upcast("ListingPriceChanged", 1, 2, priceChangedV1("300", "EUR", "350.00", "EUR"))
                .get("direction").asText()).isEqualTo("DOWN");
        assertThat(Upcasters.upcast("ListingPriceChanged", 1, 2, priceChangedV1("350.01", "EUR", "350.00", "EUR"))
                .get("direction").asText()).isEqualTo("UP");
        assertThat(Upcasters.upcast("ListingPriceChanged", 1, 2, priceChangedV1("350", "USD", "350", "EUR"))
                .get("direction").asText()).isEqualTo("CURRENCY_CHANGED");
    }

    @Test
    void the_rest_of_the_data_is_kept_and_the_input_is_not_changed() throws Exception {
        ObjectNode v1 = priceChangedV1("300", "EUR", "350.00", "EUR");

        ObjectNode v2 = Upcasters.upcast("ListingPriceChanged", 1, 2, v1);

        assertThat(v2.get("price")).isEqualTo(v1.get("price"));
        assertThat(v2.get("previousPrice")).isEqualTo(v1.get("previousPrice"));
        assertThat(v1.has("direction")).isFalse();
    }

    @Test
    void the_current_version_passes_through_and_a_missing_step_is_unreadable() throws Exception {
        ObjectNode v1 = priceChangedV1("300", "EUR", "350.00", "EUR");

        assertThat(Upcasters.upcast("ListingPriceChanged", 2, 2, v1)).isSameAs(v1);
        assertThatThrownBy(() -> Upcasters.upcast("ListingSold", 1, 2, v1)).isInstanceOf(UnreadableEvent.class);
    }

    @Test
    void reserved_v1_holds_without_an_end() throws Exception {
        ObjectNode v1 = (ObjectNode) JSON.readTree("{\"buyerId\": \"bob\"}");

        ObjectNode v2 = Upcasters.upcast("ListingReserved", 1, 2, v1);

        assertThat(v2.get("buyerId").asText()).isEqualTo("bob");
        // Absent, as the contract says a missing value is: not null.
        assertThat(v2.has("expiresAt")).isFalse();
        assertThat(v2).isNotSameAs(v1);
    }
}
