package com.agilex.listings.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.domain.PriceDirection;
import com.agilex.listings.eventstore.ListingEventCodec.UnreadableEvent;
import com.agilex.listings.platform.JsonConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Decoding: data of the current schema version is read straight into its record, older data is
 * upcast first; both paths give the same event, and data that is not an object is unreadable.
 */
class ListingEventCodecTest {

    static final ListingEventCodec CODEC = new ListingEventCodec(mapper());

    static ObjectMapper mapper() {
        var mapper = new ObjectMapper();
        new JsonConfig().customize(mapper);
        return mapper;
    }

    static final String PRICES = "\"price\":{\"amount\":\"300\",\"currency\":\"EUR\"},"
            + "\"previousPrice\":{\"amount\":\"350.00\",\"currency\":\"EUR\"}";

    @Test
    void the_current_version_and_an_upcast_older_one_decode_to_the_same_event() {
        ListingEvent current = CODEC.decode("ListingPriceChanged", 2,
                "{" + PRICES + ",\"direction\":\"DOWN\"}");
        ListingEvent upcast = CODEC.decode("ListingPriceChanged", 1, "{" + PRICES + "}");

        assertThat(current).isEqualTo(upcast);
        assertThat(((ListingEvent.ListingPriceChanged) current).direction()).isEqualTo(PriceDirection.DOWN);
    }

    @Test
    void data_that_is_not_an_object_of_the_type_is_unreadable_on_either_path() {
        for (String data : new String[] {"null", "[1]", "\"text\"", "{\"price\":42}"}) {
            assertThatThrownBy(() -> CODEC.decode("ListingPriceChanged", 2, data))
                    .as(data).isInstanceOf(UnreadableEvent.class);
            assertThatThrownBy(() -> CODEC.decode("ListingPriceChanged", 1, data))
                    .as(data).isInstanceOf(UnreadableEvent.class);
        }
    }
}
