package com.agilex.listings.platform;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.Optional;

/**
 * A PostgreSQL LISTEN connection to the primary (quarkus.datasource.reactive.url): notifications
 * are sent there, and a replica does not relay them.
 */
public final class PrimaryNotifications {

    private PrimaryNotifications() {
    }

    public static PgSubscriber subscriber(Vertx vertx, String url, Optional<String> user, Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return PgSubscriber.subscriber(vertx, options);
    }
}
