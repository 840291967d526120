package com.agilex.listings.contract;

import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.RecordedEvent;
import java.time.Instant;
import java.util.UUID;

/** An event as consumers receive it: which listing, at which version, recorded when. */
public record PublishedEvent(UUID eventId, UUID listingId, long version, Instant recordedAt, ListingEvent event) {

    /** A stored event as the projector receives it; throws ListingEventCodec.UnreadableEvent when it cannot be read. */
    public static PublishedEvent of(RecordedEvent stored, ListingEventCodec codec) {
        return new PublishedEvent(stored.eventId(), stored.streamId(), stored.version(), stored.recordedAt(), codec.decode(stored));
    }
}
