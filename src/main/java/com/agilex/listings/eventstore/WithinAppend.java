package com.agilex.listings.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Work that must commit or roll back with an append (e.g. recording the answer to an
 * idempotent request). It runs on the append's connection, in its transaction, after the events insert.
 */
@FunctionalInterface
public interface WithinAppend {

    /** Nothing to do: the append is then a single statement, with no explicit transaction. */
    WithinAppend NOTHING = (connection, version) -> Uni.createFrom().voidItem();

    Uni<Void> run(SqlConnection connection, long newVersion);

    /** This work, then {@code next}, in the same transaction. */
    default WithinAppend andThen(WithinAppend next) {
        if (next == NOTHING) {
            return this;
        }
        if (this == NOTHING) {
            return next;
        }
        return (connection, version) -> run(connection, version).chain(() -> next.run(connection, version));
    }
}
