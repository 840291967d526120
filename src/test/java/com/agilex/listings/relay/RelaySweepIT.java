package com.agilex.listings.relay;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.support.DeployedEnvironment;
import com.agilex.listings.support.KafkaTopics;
import com.agilex.listings.support.PackagedArtifact;
import com.agilex.listings.support.TestTokens;
import io.restassured.http.ContentType;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Knative CronJob listings-relay-sweep (deploy/knative/relay-sweep-cronjob.yaml), run as the
 * packaged service with the CronJob's environment variables: it publishes what was committed
 * while no relay ran and exits 0, and a second run finds nothing left; it exits 0 without
 * publishing while another relay holds the lock, and 1 when Kafka is unreachable or the role runs
 * no relay. On listings_it, each run with a relay name of its own (no checkpoint yet: the whole
 * store is its backlog) and a topic of its own.
 */
class RelaySweepIT {

    static final int PORT = 8094;
    static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/listings_it";
    /** The advisory lock's namespace (RelayLeadership: "LIST"); the key is the relay name's hash. */
    static final int LOCK_NAMESPACE = 0x4C495354;

    static final List<String> committedWhileNoRelayRan = new ArrayList<>();

    @BeforeAll
    static void commands_were_committed_while_no_relay_ran() throws Exception {
        Flyway.configure().dataSource(JDBC, "listings", "listings").locations("classpath:db/migration").load().migrate();
        // The command role as Knative runs it, its relay off: what a crash before publishing leaves.
        var builder = new ProcessBuilder(PackagedArtifact.command(List.of("-Dquarkus.profile=test,knative",
                "-Dquarkus.http.port=" + PORT, "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/listings_it",
                "-Dlistings.relay.enabled=false")))
                .redirectErrorStream(true).redirectOutput(new File("target/relay-sweep-it-commands.log"));
        builder.environment().putAll(DeployedEnvironment.of("knative/command.yaml"));
        Process service = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .failFast("the service exited; see target/relay-sweep-it-commands.log", () -> !service.isAlive())
                    .until(() -> given().port(PORT).get("/q/health/ready").statusCode() == 200);
            for (int i = 0; i < 20; i++) {
                committedWhileNoRelayRan.add(given().port(PORT).auth().oauth2(TestTokens.token("sweeper"))
                        .contentType(ContentType.JSON)
                        .body(Map.of("title", "Lamp " + i, "category", "sweep", "price", Map.of("amount", "5.00", "currency", "EUR")))
                        .post("/listings").then().statusCode(201).extract().path("id"));
            }
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void publishes_what_was_committed_and_exits_0_and_a_second_run_finds_nothing_left() throws Exception {
        String relay = "sweep-" + System.nanoTime();
        String topic = relay + ".listings.events";

        Run first = sweep(relay, topic);
        assertThat(first.exitCode()).as(first.describe()).isZero();
        assertThat(first.log()).contains("published");
        var records = KafkaTopics.read(topic, record -> true);
        Set<String> published = new HashSet<>();
        records.forEach(record -> published.add(KafkaTopics.header(record, "ce_id")));
        assertThat(published).as("every stored event, once").hasSize(records.size()).isEqualTo(storedEventIds());
        assertThat(records).extracting(record -> record.key()).containsAll(committedWhileNoRelayRan);

        Run second = sweep(relay, topic);
        assertThat(second.exitCode()).as(second.describe()).isZero();
        assertThat(second.log()).contains("published 0 events");
        assertThat(KafkaTopics.read(topic, record -> true)).hasSameSizeAs(records);
    }

    @Test
    void leaves_the_publishing_to_the_relay_that_holds_the_lock_and_exits_0() throws Exception {
        String relay = "sweep-" + System.nanoTime();
        try (Connection runningRelay = DriverManager.getConnection(JDBC, "listings", "listings")) {
            runningRelay.createStatement().execute("SELECT pg_advisory_lock(" + LOCK_NAMESPACE + ", " + relay.hashCode() + ")");

            Run run = sweep(relay, relay + ".listings.events");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.log()).contains("publishing in another process");
            assertThat(checkpointsOf(relay)).as("nothing published, so no checkpoint").isZero();
        }
    }

    @Test
    void exits_1_when_kafka_is_unreachable_and_keeps_its_checkpoint() throws Exception {
        String relay = "sweep-" + System.nanoTime();

        // Kafka's client gives up on a send after a second here, not 30 s; one event in flight, not a
        // batch of them each waiting its turn on the way out.
        Run run = sweep(relay, relay + ".listings.events", "-Dkafka.bootstrap.servers=127.0.0.1:1",
                "-Dmp.messaging.outgoing.listings-events-out.max.block.ms=500",
                "-Dmp.messaging.outgoing.listings-events-out.request.timeout.ms=500",
                "-Dmp.messaging.outgoing.listings-events-out.delivery.timeout.ms=1000", "-Dlistings.relay.batch-size=1");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        // Kafka's own words, not the "Retries exhausted" of the sink's retries around them.
        assertThat(run.log()).contains("could not publish; exiting with status 1")
                .contains("Topic " + relay + ".listings.events not present in metadata");
        assertThat(checkpointsOf(relay)).isZero();
    }

    @Test
    void exits_1_in_a_role_that_runs_no_relay() throws Exception {
        String relay = "sweep-" + System.nanoTime();

        Run run = sweep(relay, relay + ".listings.events", "-Dlistings.role=query");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.log()).contains("needs a relay");
    }

    record Run(int exitCode, String log, Path logFile) {
        String describe() {
            return "exit status; see " + logFile;
        }
    }

    /** One run of the CronJob's container, with the test's settings added; waits for it to exit. */
    static Run sweep(String relay, String topic, String... more) throws Exception {
        Map<String, String> cronJob = DeployedEnvironment.of("knative/relay-sweep-cronjob.yaml");
        assertThat(cronJob).containsEntry("LISTINGS_RELAY_PUBLISH_AND_EXIT", "true");
        List<String> settings = Stream.concat(Stream.of("-Dquarkus.profile=test,knative", "-Dquarkus.http.port=" + PORT,
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/listings_it",
                "-Dlistings.relay.name=" + relay, "-Dmp.messaging.outgoing.listings-events-out.topic=" + topic),
                Stream.of(more)).toList();
        Path log = Path.of("target/relay-sweep-it-" + relay + ".log");
        var builder = new ProcessBuilder(PackagedArtifact.command(settings)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(cronJob);
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the sweep did not exit within 90 s; see " + log);
        }
        return new Run(process.exitValue(), Files.readString(log), log);
    }

    static Set<String> storedEventIds() throws SQLException {
        var ids = new HashSet<String>();
        try (var connection = DriverManager.getConnection(JDBC, "listings", "listings");
                var rows = connection.createStatement().executeQuery("SELECT CAST(event_id AS text) FROM events")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    static int checkpointsOf(String relay) throws SQLException {
        try (var connection = DriverManager.getConnection(JDBC, "listings", "listings");
                var statement = connection.prepareStatement("SELECT count(*) FROM reader_checkpoints WHERE reader = ?")) {
            statement.setString(1, relay);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
