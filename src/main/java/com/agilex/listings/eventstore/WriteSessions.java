package com.agilex.listings.eventstore;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Hibernate Reactive sessions for the write side: appends, snapshots, idempotency keys and the
 * relay's checkpoints. Reads of the event store go through the SQL client instead.
 *
 * <p>The factory is looked up when first used, never injected: the query and projector roles
 * deactivate the persistence unit ({@code quarkus.hibernate-orm.active=false}) so that it does
 * not start, and Quarkus refuses to start when an inactive bean is injected directly.
 */
@ApplicationScoped
public class WriteSessions {

    private final Instance<Mutiny.SessionFactory> factory;

    public WriteSessions(Instance<Mutiny.SessionFactory> factory) {
        this.factory = factory;
    }

    public <T> Uni<T> withTransaction(Function<Mutiny.Session, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> factory.get().withTransaction(work));
    }

    public <T> Uni<T> withSession(Function<Mutiny.Session, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> factory.get().withSession(work));
    }
}
