package com.agilex.listings.relay;

import static com.agilex.listings.support.Api.create;
import static com.agilex.listings.support.OnVertx.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.GlobalPosition;
import com.agilex.listings.eventstore.ReaderCheckpoints;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.support.StoreReads;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two relays of one name against one database: only the one holding the leadership publishes,
 * and when it stops the other continues from the shared checkpoint, publishing nothing twice.
 * The relays here record what they publish instead of sending it, so they do not disturb the
 * real topic; the leadership and the checkpoint are the real ones on PostgreSQL.
 */
@QuarkusTest
class RelayLeadershipTest {

    @Inject
    RelayConfig config;

    @Inject
    EventStore store;

    @Inject
    ReaderCheckpoints checkpoints;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    /** A relay that records the ids it publishes, in order. */
    record RecordingRelay(EventRelay relay, List<UUID> published) {
    }

    RecordingRelay relay(String name) {
        List<UUID> published = Collections.synchronizedList(new ArrayList<>());
        var relay = new EventRelay(config, name, store, checkpoints, new RelayLeadership(pool, name, config.leadershipTimeout()),
                events -> Uni.createFrom().voidItem().invoke(() -> events.forEach(e -> published.add(e.eventId()))),
                vertx);
        return new RecordingRelay(relay, published);
    }

    /** Starts the test relays at the current end of the store, so they only see this test's events. */
    void startAtEndOfStore(String name) {
        GlobalPosition end = StoreReads.end(store);
        run(() -> checkpoints.save(name, end));
    }

    Set<UUID> eventIdsOf(List<UUID> listings) {
        return listings.stream()
                .flatMap(id -> run(() -> store.readStream(id, 0)).stream())
                .map(RecordedEvent::eventId)
                .collect(Collectors.toSet());
    }

    @Test
    void only_the_leader_publishes_and_the_other_takes_over_from_the_checkpoint_when_it_stops() {
        String name = "test-relay-" + UUID.randomUUID();
        startAtEndOfStore(name);
        RecordingRelay first = relay(name);
        RecordingRelay second = relay(name);
        first.relay().start();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.relay().isLeader());
        second.relay().start();
        try {
            List<UUID> before = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                before.add(create("alice"));
            }
            Set<UUID> beforeEvents = eventIdsOf(before);
            await().atMost(Duration.ofSeconds(10)).until(() -> first.published().containsAll(beforeEvents));
            // The second relay sweeps every second meanwhile: it must stay idle while the first leads.
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                    .until(() -> second.published().isEmpty());
            assertThat(second.relay().isLeader()).isFalse();

            run(() -> first.relay().stop());
            List<UUID> after = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                after.add(create("alice"));
            }
            Set<UUID> afterEvents = eventIdsOf(after);

            await().atMost(Duration.ofSeconds(10)).until(() -> second.published().containsAll(afterEvents));
            assertThat(second.relay().isLeader()).isTrue();
            assertThat(first.published()).doesNotContainAnyElementsOf(afterEvents);
            assertThat(second.published()).doesNotContainAnyElementsOf(beforeEvents).doesNotHaveDuplicates();
            assertThat(first.published()).doesNotHaveDuplicates();
        } finally {
            run(() -> first.relay().stop());
            run(() -> second.relay().stop());
        }
    }

    @Test
    void a_silent_leader_loses_the_lock_after_its_timeout_and_then_cannot_move_the_checkpoint() {
        String name = "test-relay-" + UUID.randomUUID();
        startAtEndOfStore(name);
        GlobalPosition saved = run(() -> checkpoints.load(name));
        var silent = new RelayLeadership(pool, name, Duration.ofSeconds(1));
        var next = new RelayLeadership(pool, name, Duration.ofSeconds(10));
        try {
            assertThat(run(silent::acquire)).isTrue();
            long term = silent.term();
            // It says nothing (no heartbeat, as a frozen process): the server ends its session, and the lock goes.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> run(next::acquire));

            // Unaware, it saves the checkpoint of the batch it had read: fenced, nothing is written.
            assertThatThrownBy(() -> run(() -> silent.whileLeading(term,
                    connection -> checkpoints.save(connection, name, GlobalPosition.START)))).isNotNull();
            assertThat(run(() -> checkpoints.load(name))).isEqualTo(saved);
            assertThat(run(silent::acquire)).as("the lock is the new leader's").isFalse();
        } finally {
            run(silent::release);
            run(next::release);
        }
    }
}
