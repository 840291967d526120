package com.agilex.listings.domain;

import java.time.Instant;

/** What happened to a listing. Events are facts: they are never validated again, only applied. */
public sealed interface ListingEvent {

    record ListingCreated(String sellerId, String title, String description, String category, Money price)
            implements ListingEvent {
    }

    /** Carries all three details as they are after the change. */
    record ListingDetailsUpdated(String title, String description, String category) implements ListingEvent {
    }

    /** Schema version 2 added {@code direction} (stored version 1 events are upcast). */
    record ListingPriceChanged(Money price, Money previousPrice, PriceDirection direction) implements ListingEvent {
    }

    record ListingPublished() implements ListingEvent {
    }

    /**
     * Schema version 2 added {@code expiresAt}, the end of the hold; a version 1 reservation has
     * none (it holds until released).
     */
    record ListingReserved(String buyerId, Instant expiresAt) implements ListingEvent {
    }

    /** The hold ended without a sale or a release: the listing is published again. */
    record ListingReservationExpired(String buyerId, Instant expiredAt) implements ListingEvent {
    }

    record ListingReservationReleased(String buyerId, String releasedBy) implements ListingEvent {
    }

    /** {@code buyerId} is null for a sale made off the platform. */
    record ListingSold(String buyerId, Money price) implements ListingEvent {
    }

    record ListingWithdrawn(String reason, ListingStatus previousStatus) implements ListingEvent {
    }
}
