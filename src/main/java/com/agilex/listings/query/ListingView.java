package com.agilex.listings.query;

import com.agilex.listings.projection.ListingViewRows;
import com.agilex.listings.domain.ListingStatus;
import com.agilex.listings.domain.Money;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.UUID;

/**
 * What GET /listings/{id} answers: one row of listing_view, with the version it reflects;
 * {@code reservedUntil}: when a reservation's hold ends (null when not reserved).
 */
public record ListingView(
        UUID id,
        String sellerId,
        String title,
        String description,
        String category,
        Money price,
        ListingStatus status,
        String buyerId,
        Instant reservedUntil,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** The view without its buyer's id, for a viewer who is neither the buyer, the seller nor an admin. */
    ListingView withoutBuyer() {
        return new ListingView(id, sellerId, title, description, category, price, status, null, reservedUntil, version, createdAt,
                updatedAt);
    }

    static final String COLUMNS =
            "id, seller_id, title, description, category, price_amount, currency, status, buyer_id, reserved_until, version, "
            + "created_at, updated_at";

    static ListingView of(Row row) {
        return new ListingView(
                row.getUUID("id"),
                row.getString("seller_id"),
                row.getString("title"),
                row.getString("description"),
                row.getString("category"),
                ListingViewRows.price(row),
                ListingStatus.valueOf(row.getString("status")),
                row.getString("buyer_id"),
                ListingViewRows.reservedUntil(row),
                row.getLong("version"),
                row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }
}
