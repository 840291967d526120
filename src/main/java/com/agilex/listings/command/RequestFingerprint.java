package com.agilex.listings.command;

import com.agilex.listings.domain.ListingCommand;
import com.agilex.listings.domain.PriceInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.UUID;

/**
 * What makes two requests "the same" for an Idempotency-Key: the command's name, its target and
 * the values the client sent, as a JSON array (unambiguous whatever the values hold). Values the
 * service adds (a reservation's hold end, taken from the clock) are left out: a retry is the same request.
 */
final class RequestFingerprint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestFingerprint() {
    }

    /** {@code target}: the listing, or null for a create (its id is new on every request). */
    static String of(UUID target, ListingCommand command) {
        Object[] values = switch (command) {
            case ListingCommand.CreateListing c -> new Object[] {c.title(), c.description(), c.category(), price(c.price())};
            case ListingCommand.UpdateDetails c -> new Object[] {c.title(), c.description(), c.category()};
            case ListingCommand.ChangePrice c -> new Object[] {price(c.price())};
            case ListingCommand.MarkSold c -> new Object[] {c.buyerId()};
            case ListingCommand.Withdraw c -> new Object[] {c.reason()};
            case ListingCommand.Publish c -> new Object[0];
            case ListingCommand.Reserve c -> new Object[0];
            case ListingCommand.ReleaseReservation c -> new Object[0];
            case ListingCommand.ExpireReservation c -> new Object[] {c.now().toString()};
        };
        Object[] fingerprint = new Object[values.length + 2];
        fingerprint[0] = command.name();
        fingerprint[1] = target == null ? null : target.toString();
        System.arraycopy(values, 0, fingerprint, 2, values.length);
        try {
            return JSON.writeValueAsString(Arrays.asList(fingerprint));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Strings always serialize", e);
        }
    }

    private static Object price(PriceInput price) {
        return price == null ? null : Arrays.asList(price.amount(), price.currency());
    }
}
