package com.agilex.listings.platform;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Arrays;
import org.jboss.logging.Logger;

/**
 * Keeps a known Vert.x fault out of the ERROR log. When a pool query ({@code pool.query},
 * {@code pool.preparedQuery}) cannot get a connection because PostgreSQL refuses it, Vert.x 4.5
 * fails the query with that error (the service answers 503) but leaves the pool's wait timer
 * running. When the timer fires, it fails the query a second time, and Vert.x reports
 * "IllegalStateException: Result is already complete" to its exception handler, which Quarkus logs
 * as an ERROR with a stack trace (eclipse-vertx/vertx-sql-client#1706). During an outage that
 * would be one ERROR for each query, seconds after its answer. This filter logs those at DEBUG and
 * hands every other uncaught exception to Quarkus' handler. SqlPoolLateTimeoutTest pins the fault
 * against a real pool: when it fails after a Vert.x upgrade, delete this class.
 */
@Singleton
public class SqlPoolLateTimeout {

    private static final Logger LOG = Logger.getLogger(SqlPoolLateTimeout.class);
    private static final String POOL = "io.vertx.sqlclient.impl.pool.SqlConnectionPool";

    void install(@Observes StartupEvent start, Vertx vertx) {
        // Dev mode's live reload starts the application again on the same Vert.x: wrap only once.
        if (!(vertx.exceptionHandler() instanceof Filter)) {
            vertx.exceptionHandler(filtering(vertx.exceptionHandler()));
        }
    }

    static Handler<Throwable> filtering(Handler<Throwable> next) {
        return new Filter(next);
    }

    private record Filter(Handler<Throwable> next) implements Handler<Throwable> {
        @Override
        public void handle(Throwable failure) {
            if (isLateTimeout(failure)) {
                LOG.debug("Ignored the pool's late timeout of a query that had already failed (vertx-sql-client#1706)");
            } else if (next != null) {
                next.handle(failure);
            }
        }
    }

    static boolean isLateTimeout(Throwable failure) {
        // Thrown by Promise.fail, called from the timer that SqlConnectionPool.execute sets.
        return failure instanceof IllegalStateException
                && "Result is already complete".equals(failure.getMessage())
                && Arrays.stream(failure.getStackTrace()).limit(3).anyMatch(frame ->
                        frame.getClassName().equals(POOL) && frame.getMethodName().startsWith("lambda$execute$"));
    }
}
