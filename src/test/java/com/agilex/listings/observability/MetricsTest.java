package com.agilex.listings.observability;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.support.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** /q/metrics after some commands: each metric the service promises is there, with plausible values. */
@QuarkusTest
class MetricsTest {

    @Test
    void the_oldest_write_gauge_sees_a_write_in_another_database_since_the_readers_wait_for_it_too() throws Exception {
        // Transaction ids are the server's: the gap-safe fence waits for this one as for its own.
        try (Connection other = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            other.setAutoCommit(false);
            other.createStatement().execute("SELECT pg_current_xact_id()");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(Metrics.scrape().sum("listings_eventstore_oldest_write_transaction_seconds")).isGreaterThan(1.0));
            other.rollback();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Metrics.scrape().sum("listings_eventstore_oldest_write_transaction_seconds")).isLessThan(1.0));
    }

    @Test
    void the_relay_lag_counts_commits_waiting_behind_an_older_open_transaction() throws Exception {
        try (Connection other = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            other.setAutoCommit(false);
            other.createStatement().execute("SELECT pg_current_xact_id()");
            // Committed, and not publishable until the older transaction ends: unpublished all the same.
            create("held-back");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Metrics now = Metrics.scrape();
                assertThat(now.sum("listings_relay_backlog")).isGreaterThanOrEqualTo(1);
                assertThat(now.sum("listings_relay_lag_seconds")).isGreaterThan(1.0);
            });
            other.rollback();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Metrics.scrape().sum("listings_relay_lag_seconds")).isLessThan(1.0));
    }

    @Test
    void the_write_side_the_relay_and_the_projector_are_measured() {
        Metrics before = Metrics.scrape();
        UUID id = create("metered");
        command("metered", id, "publish");
        // A rejected command: publishing twice is an illegal transition (409 or 422), an invalid body a 400.
        as("metered").body(Map.of("title", "")).post("/listings").then().statusCode(400);
        given().get("/listings/" + id + "?minVersion=2").then().statusCode(200);

        Metrics after = Metrics.scrape();
        assertThat(after.sum("listings_commands_total", "command=\"create\"", "outcome=\"success\"")
                - before.sum("listings_commands_total", "command=\"create\"", "outcome=\"success\"")).isEqualTo(1);
        assertThat(after.sum("listings_commands_total", "command=\"publish\"", "outcome=\"success\"")
                - before.sum("listings_commands_total", "command=\"publish\"", "outcome=\"success\"")).isEqualTo(1);
        assertThat(after.sum("listings_commands_total", "command=\"create\"", "outcome=\"rejected\"")
                - before.sum("listings_commands_total", "command=\"create\"", "outcome=\"rejected\"")).isEqualTo(1);
        // The latency histogram has the SLO's bucket, and counts each command once.
        assertThat(after.has("listings_command_duration_seconds_bucket", "command=\"create\"", "le=\"0.25\"")).isTrue();
        assertThat(after.sum("listings_command_duration_seconds_count", "command=\"create\"", "outcome=\"success\"")
                - before.sum("listings_command_duration_seconds_count", "command=\"create\"", "outcome=\"success\""))
                .isEqualTo(1);
        assertThat(after.has("listings_command_duration_seconds", "quantile=\"0.99\"")).isTrue();
        assertThat(after.sum("listings_events_appended_total", "type=\"ListingCreated\"")
                - before.sum("listings_events_appended_total", "type=\"ListingCreated\"")).isEqualTo(1);
        assertThat(after.sum("listings_events_appended_total", "type=\"ListingPublished\"")
                - before.sum("listings_events_appended_total", "type=\"ListingPublished\"")).isEqualTo(1);

        // Gauges sampled from PostgreSQL: the relay keeps up, nothing holds the readers back for long.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Metrics now = Metrics.scrape();
            assertThat(now.has("listings_relay_backlog")).isTrue();
            assertThat(now.sum("listings_relay_lag_seconds")).isBetween(0.0, 10.0);
            assertThat(now.sum("listings_eventstore_oldest_write_transaction_seconds")).isBetween(0.0, 10.0);
            // The read datasource is the primary here: no replica, no lag.
            assertThat(now.has("listings_read_replica_lag_seconds")).isTrue();
            assertThat(now.sum("listings_read_replica_lag_seconds")).isZero();
        });

        // Projection: the lag histogram has one sample per event applied; outcomes and the DLQ are counted.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Metrics now = Metrics.scrape();
            double applied = now.sum("listings_projection_events_total", "outcome=\"applied\"");
            assertThat(applied).isGreaterThanOrEqualTo(2);
            assertThat(now.sum("listings_projection_lag_seconds_count", "projection=\"listings\"")).isEqualTo(applied);
            assertThat(now.has("listings_projection_lag_seconds_bucket", "le=\"1.0\"")).isTrue();
            assertThat(now.has("listings_projection_events_total", "outcome=\"duplicate\"")).isTrue();
            assertThat(now.has("listings_projection_events_total", "outcome=\"dead_lettered\"")).isTrue();
            assertThat(now.has("listings_dlq_records_total")).isTrue();
        });

        // Quarkus' own: HTTP server, JVM, Kafka clients, database pools.
        assertThat(after.sum("http_server_requests_seconds_count", "uri=\"/listings\"", "method=\"POST\"")).isPositive();
        assertThat(after.names()).contains("jvm_memory_used_bytes", "jvm_gc_pause_seconds_count");
        assertThat(after.names()).anyMatch(name -> name.startsWith("kafka_consumer_"));
        assertThat(after.names()).anyMatch(name -> name.startsWith("kafka_producer_"));
        assertThat(after.names()).contains("sql_pool_active", "sql_pool_idle", "sql_pool_queue_size");
        // One series per pool: the event store's (writes) and the read tables' (queries).
        assertThat(after.has("sql_pool_idle", "pool_name=\"listings-events\"")).isTrue();
        assertThat(after.has("sql_pool_idle", "pool_name=\"listings-read\"")).isTrue();
        // The SQL client's per-connection gauges are dropped (SqlClientGauges); its shared counters stay.
        assertThat(after.names()).contains("postgresql_completed_total")
                .doesNotContain("postgresql_current", "postgresql_queue_size");
    }
}
