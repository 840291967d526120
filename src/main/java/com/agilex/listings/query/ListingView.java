package com.agilex.listings.query;

import com.agilex.listings.domain.Listing;
import com.agilex.listings.domain.ListingStatus;
import com.agilex.listings.domain.Money;
import java.util.UUID;

/** What GET /listings/{id} answers: the listing as readers see it, with its version. */
public record ListingView(
        UUID id,
        String sellerId,
        String title,
        String description,
        String category,
        Money price,
        ListingStatus status,
        String buyerId,
        long version) {

    static ListingView of(UUID id, Listing state, long version) {
        return new ListingView(id, state.sellerId(), state.title(), state.description(), state.category(),
                state.price(), state.status(), state.buyerId(), version);
    }
}
