package com.agilex.listings.projection;

/**
 * An event whose predecessor was never applied (it was dead-lettered, or lost upstream):
 * applying it would build a view on a state that never existed, so it is dead-lettered too,
 * and a rebuild from the event store repairs the listing.
 */
public final class OutOfOrderEvent extends RuntimeException {

    public OutOfOrderEvent(String message) {
        super(message);
    }
}
