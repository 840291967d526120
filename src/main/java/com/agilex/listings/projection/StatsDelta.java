package com.agilex.listings.projection;

import com.agilex.listings.domain.Listing;
import com.agilex.listings.domain.ListingStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one event changes the statistics: the listing's contribution after the event minus its
 * contribution before. Pure arithmetic, so every kind of event is handled by the same rule.
 */
record StatsDelta(List<CategoryChange> categories, List<SellerChange> sellers, List<RevenueChange> revenue) {

    record CategoryChange(String category, String currency, long active, long sold, BigDecimal activePriceSum) {
    }

    /** Counts by status column of seller_stats. */
    record SellerChange(String sellerId, String column, long delta) {
    }

    record RevenueChange(String sellerId, String currency, long sold, BigDecimal revenue) {
    }

    static StatsDelta between(Listing before, Listing after) {
        var categories = new LinkedHashMap<String, CategoryChange>();
        contributeCategory(categories, before, -1);
        contributeCategory(categories, after, +1);
        var sellers = new ArrayList<SellerChange>();
        if (before.status() != after.status()) {
            if (before.exists()) {
                sellers.add(new SellerChange(before.sellerId(), column(before.status()), -1));
            }
            sellers.add(new SellerChange(after.sellerId(), column(after.status()), +1));
        }
        var revenue = new ArrayList<RevenueChange>();
        if (after.status() == ListingStatus.SOLD && before.status() != ListingStatus.SOLD) {
            revenue.add(new RevenueChange(after.sellerId(), after.price().currency().getCurrencyCode(), 1, after.price().amount()));
        }
        List<CategoryChange> changed = categories.values().stream()
                .filter(c -> c.active() != 0 || c.sold() != 0 || c.activePriceSum().signum() != 0)
                .toList();
        return new StatsDelta(changed, sellers, revenue);
    }

    static boolean isActive(ListingStatus status) {
        return status == ListingStatus.PUBLISHED || status == ListingStatus.RESERVED;
    }

    private static void contributeCategory(Map<String, CategoryChange> changes, Listing listing, int sign) {
        if (!listing.exists() || !(isActive(listing.status()) || listing.status() == ListingStatus.SOLD)) {
            return;
        }
        String currency = listing.price().currency().getCurrencyCode();
        boolean active = isActive(listing.status());
        var contribution = new CategoryChange(listing.category(), currency,
                active ? sign : 0,
                active ? 0 : sign,
                active ? listing.price().amount().multiply(BigDecimal.valueOf(sign)) : BigDecimal.ZERO);
        changes.merge(listing.category() + "\u0000" + currency, contribution, (a, b) -> new CategoryChange(
                a.category(), a.currency(), a.active() + b.active(), a.sold() + b.sold(),
                a.activePriceSum().add(b.activePriceSum())));
    }

    private static String column(ListingStatus status) {
        return switch (status) {
            case DRAFT -> "drafts";
            case PUBLISHED -> "active";
            case RESERVED -> "reserved";
            case SOLD -> "sold";
            case WITHDRAWN -> "withdrawn";
        };
    }
}
