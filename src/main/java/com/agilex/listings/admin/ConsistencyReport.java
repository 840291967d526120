package com.agilex.listings.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the consistency check found: listings folded from the event store against listing_view.
 * {@code behind} counts listings whose view is missing or older than the stream (the projector
 * is catching up); {@code differences} lists real mismatches (the first 100).
 */
public record ConsistencyReport(
        Instant checkedAt,
        long streamsChecked,
        long consistent,
        long behind,
        long unreadableStreams,
        long viewsWithoutStream,
        long differenceCount,
        List<Difference> differences) {

    /** One field of one listing that the view shows differently from the event store. */
    public record Difference(UUID listingId, String field, String expected, String actual) {
    }
}
