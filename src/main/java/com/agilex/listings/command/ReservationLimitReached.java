package com.agilex.listings.command;

/** The buyer already holds as many reservations as one may hold at once (409). */
public final class ReservationLimitReached extends RuntimeException {

    public ReservationLimitReached(int limit) {
        // No stack trace: an expected answer, not a fault.
        super("A buyer may hold at most " + limit + " reservations at once; release one or let one expire first",
                null, false, false);
    }
}
