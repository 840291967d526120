package com.agilex.listings.eventstore;

import com.agilex.listings.domain.Listing;
import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.domain.ListingStatus;
import com.agilex.listings.domain.Money;
import com.agilex.listings.domain.PriceDirection;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * For the native image: the classes Jackson reads and writes outside REST resources (Quarkus
 * registers those of the resources itself): event data, event metadata and snapshot state (the problem body registers itself).
 */
@RegisterForReflection(targets = {
        ListingEvent.ListingCreated.class, ListingEvent.ListingDetailsUpdated.class, ListingEvent.ListingPriceChanged.class,
        ListingEvent.ListingPublished.class, ListingEvent.ListingReserved.class, ListingEvent.ListingReservationReleased.class,
        ListingEvent.ListingReservationExpired.class,
        ListingEvent.ListingSold.class, ListingEvent.ListingWithdrawn.class,
        Money.class, PriceDirection.class, ListingStatus.class, Listing.class, EventMetadata.class})
public final class NativeReflection {

    private NativeReflection() {
    }
}
