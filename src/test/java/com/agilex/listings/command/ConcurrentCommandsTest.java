package com.agilex.listings.command;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.agilex.listings.support.EventRows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrent commands on one listing: no update is lost, and If-Match turns a lost race into a 412. */
@QuarkusTest
class ConcurrentCommandsTest {

    static final int WRITERS = 50;

    @Inject
    AgroalDataSource db;

    ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(WRITERS);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** Sends {@code count} requests at once (released together by a gate) and returns the answers. */
    List<Response> concurrently(int count, IntFunction<Response> request) throws Exception {
        var gate = new CountDownLatch(1);
        var futures = new ArrayList<Future<Response>>();
        for (int i = 0; i < count; i++) {
            int n = i;
            Callable<Response> task = () -> {
                gate.await();
                return request.apply(n);
            };
            futures.add(pool.submit(task));
        }
        gate.countDown();
        var responses = new ArrayList<Response>();
        for (var future : futures) {
            responses.add(future.get());
        }
        return responses;
    }

    @Test
    void fifty_concurrent_price_changes_without_if_match_all_succeed_with_versions_1_to_n() throws Exception {
        UUID id = create("alice");

        List<Response> responses = concurrently(WRITERS, n -> as("alice")
                .body(Map.of("amount", Integer.toString(100 + n), "currency", "EUR"))
                .post("/listings/" + id + "/price"));

        assertThat(responses).extracting(Response::statusCode).containsOnly(200);
        List<Long> answered = responses.stream().map(r -> r.<Integer>path("version").longValue()).toList();
        assertThat(answered).doesNotHaveDuplicates().hasSize(WRITERS);
        var stored = EventRows.of(db, id);
        assertThat(stored).extracting(EventRows.Row::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, WRITERS + 1).boxed().toList());
        assertThat(stored.subList(1, stored.size())).extracting(EventRows.Row::type).containsOnly("ListingPriceChanged");
        assertThat(answered).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, WRITERS + 1).boxed().toList());
    }

    @Test
    void a_stale_if_match_is_412_and_appends_nothing() throws Exception {
        UUID id = create("alice");
        as("alice").body(Map.of("amount", "300", "currency", "EUR")).post("/listings/" + id + "/price")
                .then().statusCode(200);

        as("alice").header("If-Match", "\"1\"").body(Map.of("amount", "200", "currency", "EUR"))
                .post("/listings/" + id + "/price")
                .then().statusCode(412);

        assertThat(EventRows.of(db, id)).hasSize(2);
    }

    @Test
    void of_concurrent_commands_with_the_same_if_match_exactly_one_wins_and_the_rest_get_412() throws Exception {
        UUID id = create("alice");

        List<Response> responses = concurrently(10, n -> as("alice").header("If-Match", "\"1\"")
                .body(Map.of("amount", Integer.toString(500 + n), "currency", "EUR"))
                .post("/listings/" + id + "/price"));

        assertThat(responses).extracting(Response::statusCode).containsOnly(200, 412);
        assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSize(1);
        assertThat(EventRows.of(db, id)).extracting(EventRows.Row::version).containsExactly(1L, 2L);
    }
}
