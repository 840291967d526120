package com.agilex.listings.eventstore;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Work that must commit or roll back with an append (e.g. recording the answer to an
 * idempotent request). It runs in the append's transaction, after the events insert.
 */
@FunctionalInterface
public interface WithinAppend {

    WithinAppend NOTHING = (session, version) -> Uni.createFrom().voidItem();

    Uni<Void> run(Mutiny.Session session, long newVersion);
}
