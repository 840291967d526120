package com.agilex.listings.platform;

import com.agilex.listings.domain.ListingRejection;
import java.util.UUID;

/** Listing ids in paths are UUIDs; anything else names no listing (404, not 500). */
public final class ListingIds {

    private ListingIds() {
    }

    public static UUID parse(String raw) {
        try {
            UUID id = UUID.fromString(raw);
            // UUID.fromString accepts short forms like "1-2-3-4-5"; only the canonical form names a listing.
            if (id.toString().equalsIgnoreCase(raw)) {
                return id;
            }
        } catch (IllegalArgumentException notUuid) {
            // falls through to "not found"
        }
        throw new ListingRejection.NotFound();
    }
}
