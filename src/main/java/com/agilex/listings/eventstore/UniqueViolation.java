package com.agilex.listings.eventstore;

import io.vertx.pgclient.PgException;
import java.util.function.Predicate;

/** Recognises PostgreSQL's unique_violation (23505) on a named constraint. */
final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    static Predicate<Throwable> of(String constraint) {
        return failure -> failure instanceof PgException pg
                && UNIQUE_VIOLATION.equals(pg.getSqlState()) && constraint.equals(pg.getConstraint());
    }
}
