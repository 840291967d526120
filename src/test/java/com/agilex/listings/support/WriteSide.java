package com.agilex.listings.support;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A database client logged in as the write side (listings_writer), for tests of a role that may
 * not write events itself (the projector, the query side) and must find some in the store.
 */
public final class WriteSide {

    private WriteSide() {
    }

    public static SqlClient client(Vertx vertx) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.url", String.class);
        var options = PgConnectOptions.fromUri(url).setUser(DatabaseLogins.WRITER).setPassword(DatabaseLogins.WRITER);
        return PgPool.client(vertx, options, new PoolOptions().setMaxSize(2));
    }
}
