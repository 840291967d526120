package com.agilex.listings.platform;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.listing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agilex.listings.command.IdempotentCommands;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * With every pooled connection in use, a request waits {@code listings.datasource.acquire-timeout}
 * (not Vert.x's 30 s), then gets 503 database-busy, having written nothing; once connections come free,
 * the same requests succeed. The connections are held by the test, on the real PostgreSQL.
 */
@QuarkusTest
class PoolSaturationTest {

    /** Vert.x's own wait, which the service must not fall back to. */
    static final Duration VERTX_DEFAULT_WAIT = Duration.ofSeconds(30);

    @Inject
    Pool events;

    @Inject
    @ReactiveDataSource("read")
    Pool read;

    @Inject
    DatabaseConfig config;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int eventsPoolSize;

    @ConfigProperty(name = "quarkus.datasource.\"read\".reactive.max-size")
    int readPoolSize;

    @Test
    void a_query_waits_the_configured_time_then_gets_503_busy_and_succeeds_once_a_connection_is_free() throws Exception {
        List<SqlConnection> held = holdAll(read, readPoolSize);
        long start = System.nanoTime();
        Response answer;
        Throwable queryFailure;
        try {
            // holdAll saw the pool's connection wait time out; its query wait fails with another message.
            Future<?> query = read.query("SELECT 1").execute();
            answer = given().get("/listings?limit=1");
            queryFailure = failureOf(query);
        } finally {
            release(held);
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        answer.then().statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "1")
                .body("type", equalTo("urn:agilex:listings:problem:database-busy"));
        assertThat(waited).isBetween(config.acquireTimeout(), VERTX_DEFAULT_WAIT);
        assertThat(DatabaseBusy.isCauseOf(queryFailure)).as("pool.query: %s", queryFailure).isTrue();
        given().get("/listings?limit=1").then().statusCode(200);
    }

    @Test
    void a_command_that_got_503_busy_wrote_nothing_and_its_retry_with_the_same_key_is_its_first_run() throws Exception {
        String key = "busy-" + UUID.randomUUID();
        List<SqlConnection> held = holdAll(events, eventsPoolSize);
        Response keyed;
        Response unkeyed;
        try {
            keyed = createWithKey(key);
            // Without a key the command's append is a single statement on the pool.
            unkeyed = as("alice").body(listing("Desk", "home", "80.00", "EUR")).post("/listings");
        } finally {
            release(held);
        }

        keyed.then().statusCode(503).header("Retry-After", "1")
                .body("type", equalTo("urn:agilex:listings:problem:database-busy"));
        unkeyed.then().statusCode(503)
                .body("type", equalTo("urn:agilex:listings:problem:database-busy"));
        Response retry = createWithKey(key);
        retry.then().statusCode(201);
        assertThat(retry.header(IdempotentCommands.REPLAYED)).as("the first attempt stored no answer").isNull();
    }

    static Response createWithKey(String key) {
        return as("alice").header(IdempotentCommands.HEADER, key).body(listing("Chair", "home", "40.00", "EUR"))
                .post("/listings");
    }

    /**
     * Takes connections until the pool has none left to give: the next wait times out busy. Not a
     * fixed count, as the service may keep one (the relay's leadership lock holds one of its pool's).
     */
    static List<SqlConnection> holdAll(Pool pool, int size) throws Exception {
        List<SqlConnection> held = new ArrayList<>();
        try {
            while (true) {
                CompletableFuture<SqlConnection> next = pool.getConnection().toCompletionStage().toCompletableFuture();
                try {
                    held.add(next.get(VERTX_DEFAULT_WAIT.toSeconds(), TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertThat(DatabaseBusy.isCauseOf(e.getCause())).as("getConnection: %s", e.getCause()).isTrue();
                    assertThat(held).hasSizeLessThanOrEqualTo(size).isNotEmpty();
                    return held;
                }
            }
        } catch (Exception | AssertionError e) {
            release(held);
            throw e;
        }
    }

    static void release(List<SqlConnection> held) {
        held.forEach(SqlConnection::close);
    }

    static Throwable failureOf(Future<?> future) throws Exception {
        CompletableFuture<?> done = future.toCompletionStage().toCompletableFuture();
        try {
            done.get(VERTX_DEFAULT_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the wait for a connection to fail, but it succeeded");
    }
}
