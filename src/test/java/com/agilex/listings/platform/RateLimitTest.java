package com.agilex.listings.platform;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.listing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agilex.listings.support.Metrics;
import com.agilex.listings.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One principal flooding commands, or anonymous readers flooding an instance, get 429s; others do not. */
@QuarkusTest
@TestProfile(RateLimitTest.Limited.class)
class RateLimitTest {

    static final int COMMANDS_PER_SECOND = 5;
    static final int READS_PER_SECOND = 10;
    static final long REFUSAL_DELAY_MILLIS = 100;

    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("listings.rate-limit.commands.per-second", Integer.toString(COMMANDS_PER_SECOND),
                    "listings.rate-limit.commands.burst", Integer.toString(COMMANDS_PER_SECOND),
                    "listings.rate-limit.anonymous-reads.per-second", Integer.toString(READS_PER_SECOND),
                    "listings.rate-limit.anonymous-reads.burst", Integer.toString(READS_PER_SECOND),
                    "listings.rate-limit.refusal-delay", "PT" + REFUSAL_DELAY_MILLIS / 1000.0 + "S",
                    // Reads waiting for a version that never comes end soon (503).
                    "listings.query.min-version-timeout", "PT0.1S");
        }
    }

    /** Sends {@code count} requests one after the other; the allowed ones must fit the limit's arithmetic. */
    static List<Response> flood(int count, java.util.function.Supplier<Response> request, int perSecond, int burst) {
        var answers = new ArrayList<Response>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            answers.add(request.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long allowed = answers.stream().filter(answer -> answer.statusCode() < 400).count();
        assertThat(allowed).as("allowed in %.2f s", seconds).isLessThanOrEqualTo(burst + (long) Math.ceil(seconds * perSecond) + 1);
        return answers;
    }

    @Test
    void a_flooding_seller_gets_429_with_retry_after_and_another_seller_is_not_slowed() {
        double before = Metrics.scrape().sum("listings_rate_limited_total", "limit=\"commands\"");
        List<Response> answers = flood(40, () -> as("flooder").body(listing("Lamp", "home", "10.00", "EUR")).post("/listings"),
                COMMANDS_PER_SECOND, COMMANDS_PER_SECOND);

        List<Response> refused = answers.stream().filter(answer -> answer.statusCode() == 429).toList();
        assertThat(refused).isNotEmpty();
        refused.getFirst().then().contentType("application/problem+json")
                .body("type", equalTo("urn:agilex:listings:problem:rate-limited"));
        assertThat(Long.parseLong(refused.getFirst().header("Retry-After"))).isBetween(1L, 60L);
        // Held before it is answered, so a client ignoring Retry-After cannot spin on refusals.
        assertThat(refused).allMatch(answer -> answer.time() >= REFUSAL_DELAY_MILLIS);
        assertThat(answers).allMatch(answer -> answer.statusCode() == 201 || answer.statusCode() == 429);
        // Another principal has an allowance of its own.
        as("calm-seller").body(listing("Desk", "home", "80.00", "EUR")).post("/listings").then().statusCode(201);
        assertThat(Metrics.scrape().sum("listings_rate_limited_total", "limit=\"commands\"")).isEqualTo(before + refused.size());
    }

    @Test
    void anonymous_reads_share_one_allowance_and_a_token_holder_is_not_counted_in_it() {
        List<Response> answers = flood(60, () -> given().get("/listings?limit=1"), READS_PER_SECOND, READS_PER_SECOND);
        assertThat(answers).anyMatch(answer -> answer.statusCode() == 429);
        given().auth().oauth2(TestTokens.token("reader")).get("/listings?limit=1").then().statusCode(200);
        // Health and metrics are not reads of the service's data.
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void a_read_that_waits_for_a_version_counts_against_its_callers_allowance() {
        UUID id = UUID.fromString(as("waiting-reader").body(listing("Lamp", "home", "10.00", "EUR")).post("/listings")
                .then().statusCode(201).extract().path("id"));
        // A version that never comes: each read would wait; the principal's allowance ends them first.
        List<Response> answers = flood(20, () -> as("waiting-reader").get("/listings/" + id + "?minVersion=99"),
                COMMANDS_PER_SECOND, COMMANDS_PER_SECOND);
        assertThat(answers).anyMatch(answer -> answer.statusCode() == 429);
        // Without minVersion, a token holder's read is not counted.
        as("waiting-reader").get("/listings/" + id).then().statusCode(200);
    }
}
