package com.agilex.listings.query;

import com.agilex.listings.domain.ListingDecider;
import com.agilex.listings.domain.ListingStatus;
import com.agilex.listings.domain.Text;
import com.agilex.listings.domain.Validated;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The criteria of GET /listings, validated. Price filters and price sorts need a currency:
 * amounts in different currencies do not compare.
 */
public record ListingSearch(
        ListingStatus status,
        String category,
        String sellerId,
        BigDecimal minPrice,
        BigDecimal maxPrice,
        String currency,
        String text,
        Sort sort,
        int limit,
        Cursor after) {

    public static final int MAX_LIMIT = 100;

    public enum Sort {
        NEWEST, PRICE_ASC, PRICE_DESC;

        boolean byPrice() {
            return this != NEWEST;
        }
    }

    /** Where the previous page ended: the last row's sort key and id. Opaque to clients. */
    public record Cursor(Sort sort, String key, UUID id) {

        public String encode() {
            String plain = sort.name() + "|" + key + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor after(Sort sort, ListingView last) {
            String key = sort.byPrice() ? last.price().amount().toPlainString() : Long.toString(micros(last.createdAt()));
            return new Cursor(sort, key, last.id());
        }

        static Cursor decode(String token, Sort sort) {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3 || Sort.valueOf(parts[0]) != sort) {
                throw new IllegalArgumentException("cursor from another query");
            }
            if (sort.byPrice()) {
                new BigDecimal(parts[1]);
            } else {
                Long.parseLong(parts[1]);
            }
            return new Cursor(sort, parts[1], UUID.fromString(parts[2]));
        }

        Instant createdAt() {
            long micros = Long.parseLong(key);
            return Instant.EPOCH.plusNanos(micros * 1_000);
        }

        BigDecimal price() {
            return new BigDecimal(key);
        }

        private static long micros(Instant instant) {
            return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
        }
    }

    /** Parses the raw query parameters; every invalid one is reported at once. */
    public static ListingSearch parse(String status, String category, String sellerId, String minPrice,
            String maxPrice, String currency, String q, String sort, String limit, String cursor, int defaultLimit) {
        var errors = new Validated.Errors();
        ListingStatus parsedStatus = ListingStatus.PUBLISHED;
        if (status != null) {
            try {
                parsedStatus = ListingStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("status", "must be one of " + List.of(ListingStatus.values()));
            }
        }
        if (category != null && !ListingDecider.isCategory(category)) {
            errors.add("category", "must be a category slug such as home-garden");
        }
        if (sellerId != null && (sellerId.isBlank() || sellerId.length() > 255)) {
            errors.add("sellerId", "must be 1 to 255 characters");
        } else if (Text.problem(sellerId) != null) {
            errors.add("sellerId", Text.problem(sellerId));
        }
        BigDecimal min = decimal("minPrice", minPrice, errors);
        BigDecimal max = decimal("maxPrice", maxPrice, errors);
        if (min != null && max != null && min.compareTo(max) > 0) {
            errors.add("minPrice", "must not be greater than maxPrice");
        }
        if (currency != null && !isCurrency(currency)) {
            errors.add("currency", "must be an ISO 4217 code such as EUR");
        }
        Sort parsedSort = Sort.NEWEST;
        if (sort != null) {
            try {
                parsedSort = Sort.valueOf(sort.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("sort", "must be newest, price_asc or price_desc");
            }
        }
        if (currency == null && (min != null || max != null || parsedSort.byPrice())) {
            errors.add("currency", "is required with minPrice, maxPrice or a price sort");
        }
        if (q != null && (q.isBlank() || q.length() > 200)) {
            errors.add("q", "must be 1 to 200 characters");
        } else if (Text.problem(q) != null) {
            errors.add("q", Text.problem(q));
        }
        int parsedLimit = defaultLimit;
        if (limit != null) {
            Long within = QueryNumbers.within(limit, 1, MAX_LIMIT);
            if (within == null) {
                errors.add("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            } else {
                parsedLimit = within.intValue();
            }
        }
        Cursor after = null;
        if (cursor != null) {
            try {
                after = Cursor.decode(cursor, parsedSort);
            } catch (RuntimeException e) {
                errors.add("cursor", "is not a cursor of this query (use nextCursor as returned, with the same sort)");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidQuery(errors.list());
        }
        return new ListingSearch(parsedStatus, category, sellerId, min, max, currency, q, parsedSort, parsedLimit, after);
    }

    private static BigDecimal decimal(String field, String raw, Validated.Errors errors) {
        if (raw == null) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(raw);
            if (value.signum() < 0) {
                errors.add(field, "must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(field, "must be a decimal number such as 12.50");
            return null;
        }
    }

    private static boolean isCurrency(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
