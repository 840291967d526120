package com.agilex.listings.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.support.Api;
import com.agilex.listings.support.KafkaTopics;
import com.agilex.listings.support.QuarkusTestTopics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Another process's commit reaches the leading relay by a notification, not at its next sweep:
 * here the sweep comes once a minute, so only the notification can publish the event in time.
 */
@QuarkusTest
@TestProfile(RelayWakeupsTest.SlowSweep.class)
class RelayWakeupsTest {

    public static class SlowSweep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("listings.relay.sweep-interval", "PT60S", "listings.relay.leadership-timeout", "PT120S");
        }
    }

    @Inject
    KafkaRelay relay;

    @Inject
    AgroalDataSource db;

    @Test
    void a_commit_in_another_process_is_published_when_that_process_says_so() throws Exception {
        // A first command: its commit wakes this process's relay, which leads from then on.
        UUID first = Api.create("alice");
        await().atMost(Duration.ofSeconds(20)).until(relay::isLeader);
        await().atMost(Duration.ofSeconds(20)).until(() -> !KafkaTopics.read(QuarkusTestTopics.EVENTS,
                record -> first.toString().equals(record.key())).isEmpty());

        // What another command process does: commit a creation, then notify the leader.
        UUID other = UUID.randomUUID();
        try (Connection connection = db.getConnection()) {
            connection.createStatement().execute("""
                    INSERT INTO events (stream_id, version, event_id, event_type, schema_version, data, metadata)
                    SELECT '%s', 1, gen_random_uuid(), event_type, schema_version, data, metadata
                    FROM events WHERE stream_id = '%s' AND version = 1""".formatted(other, first));
            connection.createStatement().execute("SELECT pg_notify('" + RelayWakeups.CHANNEL + "', '')");
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                KafkaTopics.read(QuarkusTestTopics.EVENTS, record -> other.toString().equals(record.key()))).hasSize(1));
    }
}
