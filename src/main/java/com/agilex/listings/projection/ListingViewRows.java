package com.agilex.listings.projection;

import com.agilex.listings.domain.Money;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;

/** Columns of a listing_view row read back as domain values: the projector's and the query side's one reading. */
public final class ListingViewRows {

    private ListingViewRows() {
    }

    public static Money price(Row row) {
        return new Money(row.getBigDecimal("price_amount"), Currency.getInstance(row.getString("currency")));
    }

    public static Instant reservedUntil(Row row) {
        OffsetDateTime until = row.getOffsetDateTime("reserved_until");
        return until == null ? null : until.toInstant();
    }
}
