package com.agilex.listings.command;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.create;
import static com.agilex.listings.support.Api.listing;
import static com.agilex.listings.support.OnVertx.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.agilex.listings.eventstore.EventMetadata;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.NewEvent;
import com.agilex.listings.support.EventRows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: the first answer again, never a second append. */
@QuarkusTest
class IdempotencyKeyTest {

    static final String KEY = "Idempotency-Key";

    @Inject
    AgroalDataSource db;

    @Inject
    IdempotencyKeys keys;

    @Inject
    IdempotentCommands commands;

    @Inject
    EventStore store;

    @Inject
    Pool pool;

    static String key() {
        return "key-" + UUID.randomUUID();
    }

    static Response createWithKey(String user, String key, String title) {
        return as(user).header(KEY, key).body(listing(title, "home", "10.00", "EUR")).post("/listings");
    }

    @Test
    void the_same_request_again_gets_the_first_answer_and_appends_nothing() {
        String key = key();
        Response first = createWithKey("alice", key, "Lamp");
        Response again = createWithKey("alice", key, "Lamp");

        first.then().statusCode(201);
        assertThat(first.header(IdempotentCommands.REPLAYED)).isNull();
        again.then().statusCode(201)
                .header(IdempotentCommands.REPLAYED, "true")
                .header("ETag", first.header("ETag"))
                .header("Location", first.header("Location"))
                .body("id", equalTo(first.path("id")))
                .body("version", equalTo(1));
        assertThat(EventRows.of(db, UUID.fromString(first.path("id")))).hasSize(1);
    }

    @Test
    void a_repeated_command_on_a_listing_appends_once() {
        UUID id = create("alice");
        String key = key();

        for (int i = 0; i < 3; i++) {
            as("alice").header(KEY, key).body(Map.of("amount", "20", "currency", "EUR")).post("/listings/" + id + "/price")
                    .then().statusCode(200).body("version", equalTo(2)).header("ETag", "\"2\"");
        }

        assertThat(EventRows.of(db, id)).extracting(EventRows.Row::type).containsExactly("ListingCreated", "ListingPriceChanged");
    }

    @Test
    void another_request_under_the_same_key_is_422() {
        String key = key();
        createWithKey("alice", key, "Lamp").then().statusCode(201);

        createWithKey("alice", key, "Chair").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("idempotency-key-reused"));
        UUID id = create("alice");
        as("alice").header(KEY, key).post("/listings/" + id + "/publish").then().statusCode(422);
    }

    @Test
    void keys_belong_to_their_principal() {
        String key = key();
        String alices = createWithKey("alice", key, "Lamp").then().statusCode(201).extract().path("id");
        String bobs = createWithKey("bob", key, "Lamp").then().statusCode(201).extract().path("id");

        assertThat(bobs).isNotEqualTo(alices);
    }

    @Test
    void a_failed_command_gives_its_key_back() {
        UUID id = create("alice");
        String key = key();
        as("bob").header(KEY, key).post("/listings/" + id + "/reserve").then().statusCode(409);

        command("alice", id, "publish");

        Response retried = as("bob").header(KEY, key).post("/listings/" + id + "/reserve");
        retried.then().statusCode(200);
        assertThat(retried.header(IdempotentCommands.REPLAYED)).isNull();
    }

    @Test
    void a_command_that_changes_nothing_is_remembered_too() {
        UUID id = create("alice");
        String key = key();

        as("alice").header(KEY, key).body(Map.of("title", "Road bike")).patch("/listings/" + id)
                .then().statusCode(200).body("version", equalTo(1));
        as("alice").header(KEY, key).body(Map.of("title", "Road bike")).patch("/listings/" + id)
                .then().statusCode(200).body("version", equalTo(1)).header(IdempotentCommands.REPLAYED, "true");
    }

    @Test
    void concurrent_requests_with_one_key_append_once() throws Exception {
        String key = key();
        var pool = Executors.newFixedThreadPool(10);
        try {
            var gate = new CountDownLatch(1);
            var futures = new ArrayList<Future<Response>>();
            for (int i = 0; i < 10; i++) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return createWithKey("alice", key, "Desk");
                }));
            }
            gate.countDown();
            var answers = new ArrayList<Response>();
            for (var future : futures) {
                answers.add(future.get());
            }

            assertThat(answers).extracting(Response::statusCode)
                    .allMatch(status -> status == 201 || status == 409).contains(201);
            List<String> ids = answers.stream().filter(r -> r.statusCode() == 201).map(r -> r.<String>path("id")).distinct().toList();
            assertThat(ids).hasSize(1);
            assertThat(EventRows.of(db, UUID.fromString(ids.getFirst()))).hasSize(1);
            assertThat(answers).filteredOn(r -> r.statusCode() == 409)
                    .allSatisfy(r -> assertThat(r.<String>path("type")).endsWith("idempotency-key-in-use"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_expired_key_is_purged_and_can_be_used_again() throws SQLException {
        String key = key();
        createWithKey("alice", key, "Lamp").then().statusCode(201);
        try (var connection = db.getConnection(); var expire = connection.prepareStatement(
                "UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE principal = 'alice' AND key = ?")) {
            expire.setString(1, key);
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }

        assertThat(run(keys::purgeExpired)).isPositive();

        Response reused = createWithKey("alice", key, "Chair");
        reused.then().statusCode(201);
        assertThat(reused.header(IdempotentCommands.REPLAYED)).isNull();
    }

    /**
     * A request that stalls past listings.idempotency.abandoned-after (a process paused, cut off)
     * while its retry claims the key: when the stalled one goes on, its append rolls back and it is
     * not acknowledged, so only the retry can apply the command.
     */
    @Test
    void a_request_whose_abandoned_claim_was_taken_over_cannot_commit_its_append() {
        UUID stream = UUID.randomUUID();
        String key = key();
        var event = new NewEvent(UUID.randomUUID(), "TestHappened", 1, "{\"n\": 1}", new EventMetadata("test", "test", "alice", null));

        Throwable stalled = catchThrowable(() -> run(() -> commands.run("alice", key, "POST /test", stream, 200, within ->
                // While this request is stalled its claim counts as abandoned, and the client's retry claims the key.
                pool.preparedQuery("UPDATE idempotency_keys SET claimed_at = now() - interval '1 hour' WHERE principal = 'alice' AND key = $1")
                        .execute(Tuple.of(key))
                        .chain(() -> keys.claim("alice", key, "the retry"))
                        .invoke(retry -> assertThat(retry).as("the retry's claim").isPresent())
                        .chain(() -> store.append(stream, 0, List.of(event), within))
                        .map(appended -> new CommandResult(stream, appended.version())))));

        assertThat(stalled).isInstanceOf(IdempotencyRejection.KeyInUse.class);
        assertThat(EventRows.of(db, stream)).as("the stalled request's append rolled back").isEmpty();
        assertThat(run(() -> keys.find("alice", key))).hasValueSatisfying(retry -> assertThat(retry.done()).isFalse());
    }

    @Test
    void a_malformed_key_is_400() {
        createWithKey("alice", "k".repeat(256), "Lamp").then().statusCode(400).contentType("application/problem+json");
        createWithKey("alice", "has space", "Lamp").then().statusCode(400);
    }
}
