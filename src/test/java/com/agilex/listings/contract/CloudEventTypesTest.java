package com.agilex.listings.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.eventstore.EventMetadata;
import com.agilex.listings.eventstore.GlobalPosition;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every stored type has a CloudEvents type, and each reads back to the type and version it names. */
class CloudEventTypesTest {

    @Test
    void every_type_round_trips() {
        for (ListingEventCodec.EventType type : ListingEventCodec.TYPES) {
            String cloudEventType = CloudEventTypes.of(type);
            assertThat(cloudEventType).startsWith("com.agilex.listings.listing.").endsWith(".v" + type.schemaVersion());
            assertThat(CloudEventTypes.parse(cloudEventType))
                    .contains(new CloudEventTypes.StoredType(type.name(), type.schemaVersion()));
        }
    }

    @Test
    void an_older_version_is_published_as_the_current_one_and_an_unknown_type_as_it_is() {
        assertThat(CloudEventTypes.of(stored("ListingPriceChanged", 1))).isEqualTo("com.agilex.listings.listing.price-changed.v2");
        assertThat(CloudEventTypes.of(stored("ListingPriceChanged", 3))).isEqualTo("com.agilex.listings.ListingPriceChanged.v3");
        assertThat(CloudEventTypes.of(stored("ListingRenamed", 1))).isEqualTo("com.agilex.listings.ListingRenamed.v1");
        assertThat(CloudEventTypes.parse("com.agilex.listings.listing.renamed.v1")).isEmpty();
        assertThat(CloudEventTypes.parse(null)).isEmpty();
    }

    static RecordedEvent stored(String type, int schemaVersion) {
        return new RecordedEvent(new GlobalPosition(1, 1), UUID.randomUUID(), 1, UUID.randomUUID(), type, schemaVersion, "{}",
                new EventMetadata(null, null, null, null), Instant.now());
    }
}
