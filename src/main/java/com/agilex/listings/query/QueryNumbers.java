package com.agilex.listings.query;

/** Whole numbers from query parameters: the one parsing the query API and the history share. */
public final class QueryNumbers {

    private QueryNumbers() {
    }

    /** The number, or null when {@code raw} is not a whole number from {@code min} to {@code max}. */
    public static Long within(String raw, long min, long max) {
        try {
            long value = Long.parseLong(raw);
            return value >= min && value <= max ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
