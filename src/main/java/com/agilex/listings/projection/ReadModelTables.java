package com.agilex.listings.projection;

import java.util.List;

/**
 * The names of the read model's tables: the live ones the queries read, or a rebuild's shadow
 * copies. The apply path takes them as a parameter, so a rebuild runs the very same code.
 */
public record ReadModelTables(String listingView, String categoryStats, String sellerStats, String sellerRevenue) {

    public static final ReadModelTables LIVE =
            new ReadModelTables("listing_view", "category_stats", "seller_stats", "seller_revenue");

    public static final ReadModelTables SHADOW = withSuffix("_shadow");

    public static final ReadModelTables RETIRED = withSuffix("_retired");

    public List<String> all() {
        return List.of(listingView, categoryStats, sellerStats, sellerRevenue);
    }

    private static ReadModelTables withSuffix(String suffix) {
        return new ReadModelTables(LIVE.listingView + suffix, LIVE.categoryStats + suffix, LIVE.sellerStats + suffix,
                LIVE.sellerRevenue + suffix);
    }
}
