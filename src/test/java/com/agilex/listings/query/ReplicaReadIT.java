package com.agilex.listings.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.agilex.listings.support.PackagedArtifact;
import com.agilex.listings.support.TestTokens;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The query side on a real streaming replica (bin/topology db-up: a primary on 5434, a replica
 * made with pg_basebackup -R on 5435), the packaged service reading through its "read"
 * datasource from the replica. With the replica's replay paused, the replica lags for as long as
 * the test wants: a read with minVersion waits, then answers 503 not-caught-up, never an older
 * version; the lag shows in listings_read_replica_lag_seconds; once replay resumes the new
 * version is served, and no stale view stays in the process's cache.
 */
class ReplicaReadIT {

    static final int PORT = 8099;
    static final String PRIMARY = "jdbc:postgresql://127.0.0.1:5434/listings";
    static final String REPLICA = "jdbc:postgresql://127.0.0.1:5435/postgres";
    private static final Path LOG = Path.of("target/replica-read-service.log");
    private static Process service;

    @BeforeAll
    static void start() throws Exception {
        assertThat(new ProcessBuilder("bin/topology", "db-up").inheritIO().start().waitFor()).as("bin/topology db-up").isZero();
        String topic = "replica-it-" + System.currentTimeMillis();
        var settings = List.of("-Dquarkus.profile=test", "-Dquarkus.http.port=" + PORT,
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5434/listings",
                "-Dquarkus.datasource.\"read\".reactive.url=postgresql://127.0.0.1:5435/listings",
                "-Dmp.messaging.outgoing.listings-events-out.topic=" + topic,
                "-Dmp.messaging.incoming.listings-events-in.topic=" + topic,
                "-Dmp.messaging.incoming.listings-events-in.group.id=" + topic,
                "-Dmp.messaging.outgoing.listings-events-dlq.topic=" + topic + ".dlq",
                "-Dlistings.query.min-version-timeout=PT1S");
        LOG.getParent().toFile().mkdirs();
        service = new ProcessBuilder(PackagedArtifact.command(settings)).redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            assertThat(service.isAlive()).as("the service is running; see " + LOG.toAbsolutePath()).isTrue();
            return api().get("/q/health/ready").statusCode() == 200;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        replica("SELECT pg_wal_replay_resume()");
        if (service != null) {
            service.destroy();
            service.waitFor();
        }
        new ProcessBuilder("bin/topology", "down").inheritIO().start().waitFor();
    }

    static RequestSpecification api() {
        return given().baseUri("http://127.0.0.1").port(PORT);
    }

    static void replica(String sql) throws Exception {
        try (Connection replica = DriverManager.getConnection(REPLICA, "postgres", "")) {
            replica.createStatement().execute(sql);
        }
    }

    static long primaryVersion(String id) throws Exception {
        try (Connection primary = DriverManager.getConnection(PRIMARY, "listings", "listings");
                var statement = primary.prepareStatement("SELECT version FROM listing_view WHERE id = CAST(? AS uuid)")) {
            statement.setString(1, id);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    static double replicaLag() {
        Matcher lag = Pattern.compile("(?m)^listings_read_replica_lag_seconds (\\S+)$").matcher(api().get("/q/metrics").asString());
        assertThat(lag.find()).as("listings_read_replica_lag_seconds is exported").isTrue();
        return Double.parseDouble(lag.group(1));
    }

    @Test
    void through_replica_lag_min_version_waits_then_503_never_an_older_version_and_nothing_stale_is_kept() throws Exception {
        String token = TestTokens.token("alice");
        String id = api().auth().oauth2(token).contentType("application/json")
                .body(Map.of("title", "Lamp", "description", "On a replica", "category", "home",
                        "price", Map.of("amount", "10.00", "currency", "EUR")))
                .post("/listings").then().statusCode(201).extract().path("id");
        // The first event goes through a cold relay, and a topic the relay's first send creates,
        // which the consumer sees at its next metadata refresh: longer than the 1 s minVersion wait.
        await().atMost(Duration.ofSeconds(30)).until(() -> api().auth().oauth2(token).get("/listings/" + id + "?minVersion=1").statusCode() == 200);

        replica("SELECT pg_wal_replay_pause()");
        try {
            api().auth().oauth2(token).post("/listings/" + id + "/publish").then().statusCode(200).body("version", equalTo(2));
            await().atMost(Duration.ofSeconds(30)).until(() -> primaryVersion(id) == 2);

            // The replica still holds version 1: asked for 2, the service waits, then says so.
            api().auth().oauth2(token).get("/listings/" + id + "?minVersion=2").then().statusCode(503)
                    .header("Retry-After", "1").body("type", endsWith("not-caught-up"));
            // Without minVersion the replica's version is the answer (eventual consistency)...
            api().auth().oauth2(token).get("/listings/" + id).then().statusCode(200).body("version", equalTo(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> replicaLag() > 0);
        } finally {
            replica("SELECT pg_wal_replay_resume()");
        }

        // ...but not kept: once the replica has replayed, a read without minVersion serves the new
        // version (a cache holding the replica's old one would serve it until the next change).
        await().atMost(Duration.ofSeconds(10)).until(() -> api().auth().oauth2(token).get("/listings/" + id).path("version").equals(2));
        for (int i = 0; i < 3; i++) {
            api().auth().oauth2(token).get("/listings/" + id).then().statusCode(200).body("version", equalTo(2)).body("status", equalTo("PUBLISHED"));
        }
        api().auth().oauth2(token).get("/listings/" + id + "?minVersion=2").then().statusCode(200).body("version", equalTo(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> replicaLag() == 0);
    }
}
