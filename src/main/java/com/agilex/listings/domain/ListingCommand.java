package com.agilex.listings.domain;

import java.time.Instant;

/**
 * What someone asks of a listing. Values are raw input: the decider checks them against the
 * rules. {@code actor} is the authenticated user who asks (the seller, or a buyer).
 */
public sealed interface ListingCommand {

    String actor();

    /** A short name for logs, metrics and error messages. */
    String name();

    record CreateListing(String actor, String title, String description, String category, PriceInput price)
            implements ListingCommand {
        public String name() {
            return "create";
        }
    }

    /** A null field is left as it is. */
    record UpdateDetails(String actor, String title, String description, String category) implements ListingCommand {
        public String name() {
            return "update";
        }
    }

    record ChangePrice(String actor, PriceInput price) implements ListingCommand {
        public String name() {
            return "change-price";
        }
    }

    record Publish(String actor) implements ListingCommand {
        public String name() {
            return "publish";
        }
    }

    /** The actor is the buyer who reserves; the reservation holds until {@code holdUntil}. */
    record Reserve(String actor, Instant holdUntil) implements ListingCommand {
        public String name() {
            return "reserve";
        }
    }

    /** Ends a reservation whose hold is over; {@code now} is the time it is asked at. */
    record ExpireReservation(String actor, Instant now) implements ListingCommand {
        public String name() {
            return "expire";
        }
    }

    record ReleaseReservation(String actor) implements ListingCommand {
        public String name() {
            return "release";
        }
    }

    /** {@code buyerId} may be null: the reserving buyer, or a sale made off the platform. */
    record MarkSold(String actor, String buyerId) implements ListingCommand {
        public String name() {
            return "sell";
        }
    }

    record Withdraw(String actor, String reason) implements ListingCommand {
        public String name() {
            return "withdraw";
        }
    }
}
