package com.agilex.listings.eventstore;

import java.util.function.Predicate;

/** Recognises PostgreSQL's unique_violation (23505) on a named constraint, however it is wrapped. */
final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    static Predicate<Throwable> of(String constraint) {
        return failure -> {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof io.vertx.pgclient.PgException pg) {
                    return UNIQUE_VIOLATION.equals(pg.getSqlState()) && constraint.equals(pg.getConstraint());
                }
                if (t instanceof org.hibernate.exception.ConstraintViolationException cve) {
                    return constraint.equals(cve.getConstraintName());
                }
            }
            return false;
        };
    }
}
