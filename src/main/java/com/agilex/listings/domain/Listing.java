package com.agilex.listings.domain;

import com.agilex.listings.domain.ListingEvent.ListingCreated;
import com.agilex.listings.domain.ListingEvent.ListingDetailsUpdated;
import com.agilex.listings.domain.ListingEvent.ListingPriceChanged;
import com.agilex.listings.domain.ListingEvent.ListingPublished;
import com.agilex.listings.domain.ListingEvent.ListingReservationReleased;
import com.agilex.listings.domain.ListingEvent.ListingReserved;
import com.agilex.listings.domain.ListingEvent.ListingSold;
import com.agilex.listings.domain.ListingEvent.ListingWithdrawn;

/**
 * The state of one listing, folded from its events. {@link #INITIAL} is the state before the
 * first event: it has no status and {@link #exists()} is false.
 */
public record Listing(
        String sellerId,
        String title,
        String description,
        String category,
        Money price,
        ListingStatus status,
        String buyerId) {

    public static final Listing INITIAL = new Listing(null, null, null, null, null, null, null);

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
                    new Listing(e.sellerId(), e.title(), e.description(), e.category(), e.price(), ListingStatus.DRAFT, null);
            case ListingDetailsUpdated e ->
                    new Listing(sellerId, e.title(), e.description(), e.category(), price, status, buyerId);
            case ListingPriceChanged e ->
                    new Listing(sellerId, title, description, category, e.price(), status, buyerId);
            case ListingPublished e -> withStatus(ListingStatus.PUBLISHED, null);
            case ListingReserved e -> withStatus(ListingStatus.RESERVED, e.buyerId());
            case ListingReservationReleased e -> withStatus(ListingStatus.PUBLISHED, null);
            case ListingSold e -> withStatus(ListingStatus.SOLD, e.buyerId());
            case ListingWithdrawn e -> withStatus(ListingStatus.WITHDRAWN, null);
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

    private Listing withStatus(ListingStatus newStatus, String newBuyer) {
        return new Listing(sellerId, title, description, category, price, newStatus, newBuyer);
    }
}
