package com.agilex.listings.relay;

import com.agilex.listings.domain.ListingEvent;
import java.time.Instant;
import java.util.UUID;

/** An event as consumers receive it: which listing, at which version, recorded when. */
public record PublishedEvent(UUID eventId, UUID listingId, long version, Instant recordedAt, ListingEvent event) {
}
