package com.agilex.listings.query;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.create;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A read with minVersion is woken by the projector's announcement, not by polling: with a poll
 * interval longer than the wait, only the announcement can answer it before its deadline.
 */
@QuarkusTest
@TestProfile(MinVersionWakeTest.NoPolling.class)
class MinVersionWakeTest {

    public static class NoPolling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("listings.query.min-version-poll-interval", "PT120S", "listings.query.min-version-timeout", "PT60S");
        }
    }

    @Inject
    ViewChanges changes;

    @Test
    void a_read_waiting_for_a_version_is_answered_when_the_projector_announces_it() throws Exception {
        String seller = "waiting-seller";
        UUID id = create(seller);
        as(seller).get("/listings/" + id + "?minVersion=1").then().statusCode(200);

        CompletableFuture<Response> read = CompletableFuture.supplyAsync(() -> as(seller).get("/listings/" + id + "?minVersion=2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> changes.waiters().size() == 1);
        command(seller, id, "publish");

        read.get(30, TimeUnit.SECONDS).then().statusCode(200).body("version", equalTo(2)).body("status", equalTo("PUBLISHED"));
    }
}
