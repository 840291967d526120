package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Vert.x fault SqlPoolLateTimeout filters, reproduced on a real pool whose server refuses
 * connections (nothing listens on port 1), and the filter itself.
 */
class SqlPoolLateTimeoutTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void a_refused_pool_query_is_failed_again_by_its_timer_and_only_the_filter_sees_it() {
        List<Throwable> seen = new CopyOnWriteArrayList<>();
        List<Throwable> passedOn = new CopyOnWriteArrayList<>();
        Handler<Throwable> filter = SqlPoolLateTimeout.filtering(passedOn::add);
        vertx.exceptionHandler(failure -> {
            seen.add(failure);
            filter.handle(failure);
        });
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setConnectionTimeout(200).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(1).setUser("u").setDatabase("d"))
                .using(vertx)
                .build();

        Throwable answer = pool.query("SELECT 1").execute().toCompletionStage().toCompletableFuture()
                .handle((rows, failure) -> failure).join();
        assertThat(answer).isInstanceOf(ConnectException.class);

        // Vert.x 4.5: the timer fires after the answer. When this stops failing, delete SqlPoolLateTimeout.
        await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
        assertThat(seen).singleElement().satisfies(late -> assertThat(SqlPoolLateTimeout.isLateTimeout(late)).isTrue());
        assertThat(passedOn).isEmpty();
    }

    @Test
    void every_other_uncaught_exception_reaches_the_next_handler() {
        List<Throwable> passedOn = new CopyOnWriteArrayList<>();
        Handler<Throwable> filter = SqlPoolLateTimeout.filtering(passedOn::add);
        IllegalStateException sameMessageElsewhere = new IllegalStateException("Result is already complete");
        IllegalStateException otherBug = new IllegalStateException("bug");

        filter.handle(sameMessageElsewhere);
        filter.handle(otherBug);

        assertThat(passedOn).containsExactly(sameMessageElsewhere, otherBug);
    }
}
