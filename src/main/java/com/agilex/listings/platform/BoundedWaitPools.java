package com.agilex.listings.platform;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates both PostgreSQL pools (the event store's, which the write side also uses, and the
 * query API's "read" one) from Quarkus' settings, with one addition Quarkus has no property for:
 * a request waits at most {@link DatabaseConfig#acquireTimeout()} for a connection. A saturated
 * pool then answers 503 database-busy (see {@link DatabaseBusy}) instead of queueing requests for
 * Vert.x's default 30 s. Quarkus' own path differs in one way: with a Quarkus credentials
 * provider it re-reads the password for each new connection; this service configures none.
 */
@Singleton
@Default
@ReactiveDataSource("read")
public class BoundedWaitPools implements PgPoolCreator {

    private final DatabaseConfig config;

    public BoundedWaitPools(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        long waitMillis = config.acquireTimeout().toMillis();
        // Vert.x reads 0 or less as "wait forever": exactly what this setting is here to prevent.
        if (waitMillis <= 0 || waitMillis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("listings.datasource.acquire-timeout must be a positive duration"
                    + " under 24 days, not " + config.acquireTimeout());
        }
        PoolOptions options = input.poolOptions()
                .setConnectionTimeout((int) waitMillis)
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        List<SqlConnectOptions> servers = new ArrayList<>(input.pgConnectOptionsList());
        return PgBuilder.pool().with(options).connectingTo(servers).using(input.vertx()).build();
    }
}
