package com.agilex.listings.platform;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;

/**
 * Tells that a request waited {@code listings.datasource.acquire-timeout} for a pooled connection
 * and got none: every connection was in use. Answered 503 with {@code Retry-After}. The step that
 * waited never ran, and a command's events and stored answer are one transaction, so nothing of
 * the command was written: it can be retried as it is.
 */
public final class DatabaseBusy {

    // Vert.x 4.5 gives these timeouts no type of their own, only a message: the pool's queries
    // (pool.query, pool.preparedQuery) fail with the first, its connections (getConnection,
    // withTransaction) with the second. PoolSaturationTest pins both against a real pool.
    private static final String QUERY_WAIT_TIMED_OUT = "Timeout waiting for connection";
    private static final String CONNECTION_WAIT_TIMED_OUT = "Timeout";
    static final String DESCRIPTION = "no pooled database connection came free in time";

    private DatabaseBusy() {
    }

    /** What a log line should say about a failure: the pool's bare "Timeout" would not say which wait timed out. */
    public static String describe(Throwable failure) {
        return isCauseOf(failure) ? DESCRIPTION : failure.getMessage();
    }

    /** Whether {@code failure}, or any of its causes, is a wait for a pooled connection that timed out. */
    public static boolean isCauseOf(Throwable failure) {
        return Causes.anyMatch(failure, DatabaseBusy::isWaitTimeout);
    }

    private static boolean isWaitTimeout(Throwable failure) {
        return switch (failure) {
            case VertxException vertx -> QUERY_WAIT_TIMED_OUT.equals(vertx.getMessage());
            case NoStackTraceThrowable vertx -> CONNECTION_WAIT_TIMED_OUT.equals(vertx.getMessage());
            default -> false;
        };
    }
}
