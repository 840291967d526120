package com.agilex.listings.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of every endpoint family against the packaged service, the real
 * PostgreSQL and the real Kafka. On every try: no 5xx (but minVersion's documented 503), every
 * 4xx an RFC 9457 problem with a stable type, nothing stored and the read model unchanged after a
 * rejection, nothing logged at ERROR, the service still ready. A failing request is shrunk before
 * it is reported. The run is repeatable from its seed: -Dfuzz.seed (default below) and
 * -Dfuzz.tries per family (150 here; bench/fuzz runs the long form). Each family's answers by
 * status are printed and appended to target/fuzz-report.txt.
 */
class EdgeFuzzIT {

    static final long SEED = Long.getLong("fuzz.seed", 20261203L);
    static final int TRIES = Integer.getInteger("fuzz.tries", 150);
    /** Vert.x answers these before any route runs, without a body (docs/api.md, Limits). */
    private static final Set<Integer> BARE_STATUSES = Set.of(413, 414, 431);
    private static final Path REPORT = Path.of("target/fuzz-report.txt");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FuzzedService service;
    private static Store store;
    /** Whether the last try was accepted: the next one waits for the read model first. */
    private static boolean settle;

    @BeforeAll
    static void start() {
        service = new FuzzedService();
        service.start();
        store = new Store();
        Fixture.create(store);
        service.newErrorLines();
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void commands() {
        fuzz("commands", Requests.commands());
    }

    @Test
    void queries() {
        fuzz("queries", Requests.queries());
    }

    @Test
    void history() {
        fuzz("history", Requests.history());
    }

    @Test
    void admin() {
        fuzz("admin", Requests.admin());
    }

    @Test
    void events() {
        fuzz("events", Requests.events());
    }

    private static void fuzz(String family, Gen<FuzzRequest> requests) {
        var random = new SplittableRandom(SEED ^ family.hashCode());
        var statuses = new TreeMap<Integer, Integer>();
        for (int tried = 1; tried <= TRIES; tried++) {
            FuzzRequest request = requests.next(random);
            AssertionError failure = failure(request, statuses);
            if (failure != null) {
                FuzzRequest smallest = new Shrinker(candidate -> failure(candidate, new TreeMap<>()) != null, 300).shrink(request);
                AssertionError reported = failure(smallest, new TreeMap<>());
                throw new AssertionError("Falsified by try " + tried + " of " + family + " (seed " + SEED + "), shrunk to:\n"
                        + smallest + "\n" + (reported == null ? failure : reported).getMessage(), failure);
            }
        }
        report(family, statuses);
    }

    /** What a try breaks, or null. */
    private static AssertionError failure(FuzzRequest request, Map<Integer, Integer> statuses) {
        try {
            check(request, statuses);
            return null;
        } catch (AssertionError e) {
            return e;
        }
    }

    private static void check(FuzzRequest request, Map<Integer, Integer> statuses) {
        if (settle) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(store::caughtUp);
            settle = false;
        }
        Store.State before = store.state();
        Exchange.Answer answer = Exchange.send(request);
        statuses.merge(answer.status(), 1, Integer::sum);
        // Read before any assertion, so that what this try logged is not blamed on the next one.
        List<String> errorLines = service.newErrorLines();
        boolean rejected = answer.status() >= 400;
        Store.State after = rejected ? store.state() : null;
        settle = !rejected;

        if (answer.status() >= 500) {
            assertThat(problemType(answer)).as("a 5xx other than minVersion's documented 503: %s", answer)
                    .isEqualTo("urn:agilex:listings:problem:not-caught-up");
        } else if (rejected) {
            assertProblem(answer);
            assertThat(after).as("what the store and the read model hold after a %d", answer.status()).isEqualTo(before);
        }
        assertThat(errorLines).as("ERROR lines logged for this try").isEmpty();
        assertThat(service.ready()).as("the service is ready after the try").isTrue();
    }

    private static void assertProblem(Exchange.Answer answer) {
        if (BARE_STATUSES.contains(answer.status()) && answer.body().isEmpty()) {
            return;
        }
        assertThat(answer.contentType()).as("content type of %s", answer)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = parsed(answer);
        assertThat(problem.path("type").asText()).as("type of %s", answer)
                .matches("about:blank|urn:agilex:listings:problem:[a-z-]+");
        assertThat(problem.path("status").asInt()).as("status of %s", answer).isEqualTo(answer.status());
        assertThat(problem.path("title").asText()).as("title of %s", answer).isNotBlank();
        assertThat(answer.body()).as("no stack trace in %s", answer).doesNotContain("\tat ", "Exception");
    }

    private static String problemType(Exchange.Answer answer) {
        return answer.contentType().filter(type -> type.startsWith("application/problem+json")).isPresent()
                ? parsed(answer).path("type").asText() : "(not a problem: " + answer.contentType().orElse("no content type") + ")";
    }

    private static JsonNode parsed(Exchange.Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + answer, e);
        }
    }

    private static void report(String family, Map<Integer, Integer> statuses) {
        String line = String.format("%s: %d tries, seed %d, answers by status %s%n", family, TRIES, SEED, statuses);
        System.out.print(line);
        try {
            Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
