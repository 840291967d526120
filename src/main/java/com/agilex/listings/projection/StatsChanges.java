package com.agilex.listings.projection;

import com.agilex.listings.domain.Listing;
import com.agilex.listings.domain.ListingStatus;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a batch of events changes in the statistics, summed: for each event, the listing's
 * contribution after it minus its contribution before. Pure arithmetic, one rule for every kind
 * of event. Rows are kept sorted by key, so concurrent projectors lock them in the same order.
 */
final class StatsChanges {

    record CategoryKey(String category, String currency) {
    }

    /** Changes to one category_stats row. */
    static final class CategoryChange {
        long active;
        long sold;
        BigDecimal activePriceSum = BigDecimal.ZERO;
    }

    /** Changes to one seller_stats row: a count per status. */
    static final class SellerChange {
        final long[] byStatus = new long[ListingStatus.values().length];
    }

    record RevenueKey(String sellerId, String currency) {
    }

    /** Changes to one seller_revenue row. */
    static final class RevenueChange {
        long sold;
        BigDecimal revenue = BigDecimal.ZERO;
    }

    final Map<CategoryKey, CategoryChange> categories =
            new TreeMap<>(Comparator.comparing(CategoryKey::category).thenComparing(CategoryKey::currency));
    final Map<String, SellerChange> sellers = new TreeMap<>();
    final Map<RevenueKey, RevenueChange> revenue =
            new TreeMap<>(Comparator.comparing(RevenueKey::sellerId).thenComparing(RevenueKey::currency));

    /** Adds the change one event made: {@code before} and {@code after} are the listing around it. */
    void add(Listing before, Listing after) {
        contribute(before, -1);
        contribute(after, +1);
        if (after.status() == ListingStatus.SOLD && before.status() != ListingStatus.SOLD) {
            var change = revenue.computeIfAbsent(
                    new RevenueKey(after.sellerId(), after.price().currency().getCurrencyCode()), key -> new RevenueChange());
            change.sold++;
            change.revenue = change.revenue.add(after.price().amount());
        }
    }

    static boolean onTheMarket(ListingStatus status) {
        return status == ListingStatus.PUBLISHED || status == ListingStatus.RESERVED;
    }

    private void contribute(Listing listing, int sign) {
        if (!listing.exists()) {
            return;
        }
        sellers.computeIfAbsent(listing.sellerId(), id -> new SellerChange()).byStatus[listing.status().ordinal()] += sign;
        boolean active = onTheMarket(listing.status());
        if (!active && listing.status() != ListingStatus.SOLD) {
            return;
        }
        var change = categories.computeIfAbsent(
                new CategoryKey(listing.category(), listing.price().currency().getCurrencyCode()), key -> new CategoryChange());
        if (active) {
            change.active += sign;
            change.activePriceSum = change.activePriceSum.add(listing.price().amount().multiply(BigDecimal.valueOf(sign)));
        } else {
            change.sold += sign;
        }
    }
}
