package com.agilex.listings.platform;

import io.vertx.sqlclient.DatabaseException;

/**
 * Tells that PostgreSQL cancelled a statement that ran past the pools' {@code statement_timeout}
 * ({@code listings.datasource.statement-timeout}). Its transaction rolled back, so a command wrote
 * nothing; answered 503 with {@code Retry-After}, like the other overloads.
 */
public final class StatementTimeout {

    /** query_canceled: the statement timeout, or a cancel request. */
    private static final String QUERY_CANCELED = "57014";

    private StatementTimeout() {
    }

    /** Whether {@code failure}, or any of its causes, is a statement the database cancelled. */
    public static boolean isCauseOf(Throwable failure) {
        return Causes.anyMatch(failure, cause -> cause instanceof DatabaseException database
                && QUERY_CANCELED.equals(database.getSqlState()));
    }
}
