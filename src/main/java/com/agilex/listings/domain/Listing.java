package com.agilex.listings.domain;

import com.agilex.listings.domain.ListingEvent.ListingCreated;
import com.agilex.listings.domain.ListingEvent.ListingDetailsUpdated;
import com.agilex.listings.domain.ListingEvent.ListingPriceChanged;
import com.agilex.listings.domain.ListingEvent.ListingPublished;
import com.agilex.listings.domain.ListingEvent.ListingReservationExpired;
import com.agilex.listings.domain.ListingEvent.ListingReservationReleased;
import com.agilex.listings.domain.ListingEvent.ListingReserved;
import com.agilex.listings.domain.ListingEvent.ListingSold;
import com.agilex.listings.domain.ListingEvent.ListingWithdrawn;
import java.time.Instant;

/**
 * The state of one listing, folded from its events. {@link #INITIAL} is the state before the
 * first event: it has no status and {@link #exists()} is false. {@code reservedUntil}: the end of
 * a reservation's hold (null when not reserved, or reserved before holds had an end).
 */
public record Listing(
        String sellerId,
        String title,
        String description,
        String category,
        Money price,
        ListingStatus status,
        String buyerId,
        Instant reservedUntil) {

    public static final Listing INITIAL = new Listing(null, null, null, null, null, null, null, null);

    public boolean exists() {
        return status != null;
    }

    public boolean isSeller(String user) {
        return sellerId != null && sellerId.equals(user);
    }

    /** The state after {@code event}. Total: every event applies to the state it was decided on. */
    public Listing evolve(ListingEvent event) {
        return switch (event) {
            case ListingCreated e ->
                    new Listing(e.sellerId(), e.title(), e.description(), e.category(), e.price(), ListingStatus.DRAFT,
                            null, null);
            case ListingDetailsUpdated e ->
                    new Listing(sellerId, e.title(), e.description(), e.category(), price, status, buyerId, reservedUntil);
            case ListingPriceChanged e ->
                    new Listing(sellerId, title, description, category, e.price(), status, buyerId, reservedUntil);
            case ListingPublished e -> withStatus(ListingStatus.PUBLISHED, null, null);
            case ListingReserved e -> withStatus(ListingStatus.RESERVED, e.buyerId(), e.expiresAt());
            case ListingReservationReleased e -> withStatus(ListingStatus.PUBLISHED, null, null);
            case ListingReservationExpired e -> withStatus(ListingStatus.PUBLISHED, null, null);
            case ListingSold e -> withStatus(ListingStatus.SOLD, e.buyerId(), null);
            case ListingWithdrawn e -> withStatus(ListingStatus.WITHDRAWN, null, null);
        };
    }

    /** Folds events in order, starting from this state. */
    public Listing evolveAll(Iterable<? extends ListingEvent> events) {
        Listing state = this;
        for (ListingEvent event : events) {
            state = state.evolve(event);
        }
        return state;
    }

    private Listing withStatus(ListingStatus newStatus, String newBuyer, Instant newHoldEnd) {
        return new Listing(sellerId, title, description, category, price, newStatus, newBuyer, newHoldEnd);
    }
}
