package com.agilex.listings.platform;

import java.util.function.Predicate;

/** Looks through the wrappers (Mutiny's, CompletionException) for the failure that says what happened. */
final class Causes {

    /** Enough to reach the driver's exception through any wrappers, and to end a cycle of causes. */
    private static final int MAX_DEPTH = 16;

    private Causes() {
    }

    /** Whether {@code failure} or any of its causes matches; bounded, so a cycle of causes ends. */
    static boolean anyMatch(Throwable failure, Predicate<Throwable> test) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }
}
