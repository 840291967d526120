package com.agilex.listings.eventstore;

import static com.agilex.listings.support.OnVertx.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.support.StoreReads;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The global read never skips an event that commits late, never returns a rolled-back one, and
 * keeps each stream in version order, on the real PostgreSQL with transactions held open.
 */
@QuarkusTest
class GapSafeReaderTest {

    @Inject
    EventStore store;

    @Inject
    Pool sql;

    @Inject
    ReaderCheckpoints checkpoints;

    @Inject
    AgroalDataSource db;

    static NewEvent event() {
        return new NewEvent(UUID.randomUUID(), "TestHappened", 1, "{\"n\": 1}", new EventMetadata("test", "test", "test", null));
    }

    /** Completes on the caller's Vert.x context once {@code release} completes (from any thread). */
    static Uni<Void> heldUntil(CompletableFuture<Void> release) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter ->
                release.whenComplete((ignored, failure) -> context.runOnContext(x -> emitter.complete(null))));
    }

    List<RecordedEvent> readToEnd(GlobalPosition from) {
        return StoreReads.readToEnd(store, from);
    }

    GlobalPosition endOfStore() {
        return StoreReads.end(store);
    }

    /** The naive reader this design avoids: "everything after the last position I saw". */
    List<UUID> naiveReadAfter(long position) throws SQLException {
        try (var connection = db.getConnection();
                var statement = connection.prepareStatement(
                        "SELECT event_id FROM events WHERE global_position > ? ORDER BY global_position")) {
            statement.setLong(1, position);
            var ids = new ArrayList<UUID>();
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    @Test
    void an_event_held_in_an_open_transaction_holds_back_later_commits_instead_of_being_skipped() throws Exception {
        GlobalPosition start = endOfStore();
        long lastPositionSeen = start.position();
        NewEvent first = event();
        NewEvent second = event();
        var release = new CompletableFuture<Void>();
        var inserted = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            // Writer 1 inserts first (lower position) and keeps its transaction open.
            var held = CompletableFuture.supplyAsync(() -> run(() -> sql.withTransaction(connection ->
                    store.append(connection, UUID.randomUUID(), 0, List.of(first))
                            .call(() -> {
                                inserted.countDown();
                                return heldUntil(release);
                            }))), writer);
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
            // Writer 2 inserts later (higher position) and commits first.
            run(() -> store.append(UUID.randomUUID(), 0, List.of(second)));

            // A naive reader sees the later position now, and would never look behind it again.
            assertThat(naiveReadAfter(lastPositionSeen)).containsExactly(second.eventId());
            // The gap-safe reader returns neither until the older transaction ends.
            assertThat(readToEnd(start)).extracting(RecordedEvent::eventId)
                    .doesNotContain(first.eventId(), second.eventId());

            release.complete(null);
            held.get(30, TimeUnit.SECONDS);

            assertThat(readToEnd(start)).extracting(RecordedEvent::eventId)
                    .containsExactly(first.eventId(), second.eventId());
        } finally {
            release.complete(null);
            writer.shutdownNow();
        }
    }

    /** Every stream's events before the horizon, stream after stream, as a rebuild's first pass reads them. */
    List<RecordedEvent> readByStreamBelow(GlobalPosition horizon) {
        var all = new ArrayList<RecordedEvent>();
        List<RecordedEvent> page;
        UUID afterStream = new UUID(0, 0);
        long afterVersion = 0;
        do {
            UUID stream = afterStream;
            long version = afterVersion;
            page = run(() -> store.readByStream(stream, version, horizon, 500));
            all.addAll(page);
            if (!page.isEmpty()) {
                afterStream = page.getLast().streamId();
                afterVersion = page.getLast().version();
            }
        } while (!page.isEmpty());
        return all;
    }

    @Test
    void the_events_below_the_committed_horizon_then_the_global_read_from_it_give_each_event_exactly_once() throws Exception {
        UUID before = UUID.randomUUID();
        UUID held = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        NewEvent settled = event();
        run(() -> store.append(before, 0, List.of(settled)));
        NewEvent late = event();
        NewEvent early = event();
        var release = new CompletableFuture<Void>();
        var inserted = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            var open = CompletableFuture.supplyAsync(() -> run(() -> sql.withTransaction(connection ->
                    store.append(connection, held, 0, List.of(late))
                            .call(() -> {
                                inserted.countDown();
                                return heldUntil(release);
                            }))), writer);
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
            run(() -> store.append(after, 0, List.of(early)));

            // The open transaction holds the horizon back: neither it nor what committed after it is below.
            // (Awaited: a background transaction of the service may hold it back further for a moment.)
            Set<UUID> mine = Set.of(before, held, after);
            var horizon = new GlobalPosition[1];
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                horizon[0] = run(store::committedHorizon);
                assertThat(readByStreamBelow(horizon[0])).filteredOn(e -> mine.contains(e.streamId()))
                        .extracting(RecordedEvent::eventId).containsExactly(settled.eventId());
            });

            release.complete(null);
            open.get(30, TimeUnit.SECONDS);
            run(() -> store.append(held, 1, List.of(event())));

            // From the horizon on, the gap-safe read returns the rest, and nothing read below it again.
            assertThat(readToEnd(horizon[0])).filteredOn(e -> mine.contains(e.streamId()))
                    .extracting(RecordedEvent::streamId, RecordedEvent::version)
                    .containsExactlyInAnyOrder(
                            tuple(held, 1L),
                            tuple(after, 1L),
                            tuple(held, 2L));
        } finally {
            release.complete(null);
            writer.shutdownNow();
        }
    }

    @Test
    void a_reader_polling_during_slow_rolled_back_and_out_of_order_commits_sees_each_committed_event_once_in_order()
            throws Exception {
        GlobalPosition start = endOfStore();
        int writers = 8;
        int appendsPerWriter = 6;
        var random = new Random(42);
        Set<UUID> committed = ConcurrentHashMap.newKeySet();
        Set<UUID> rolledBack = ConcurrentHashMap.newKeySet();
        Set<UUID> streams = ConcurrentHashMap.newKeySet();
        var slowCommits = new java.util.concurrent.atomic.AtomicInteger();
        var plans = new ArrayList<List<Integer>>();
        for (int w = 0; w < writers; w++) {
            var plan = new ArrayList<Integer>();
            for (int a = 0; a < appendsPerWriter; a++) {
                plan.add(random.nextInt(10)); // 0-1: roll back, 2-4: commit slowly, 5-9: commit at once
            }
            plans.add(plan);
        }

        ExecutorService pool = Executors.newFixedThreadPool(writers);
        var done = new CountDownLatch(writers);
        var futures = new ArrayList<java.util.concurrent.Future<?>>();
        try {
            for (List<Integer> plan : plans) {
                futures.add(pool.submit(() -> {
                    try {
                        UUID stream = UUID.randomUUID();
                        streams.add(stream);
                        long version = 0;
                        for (int kind : plan) {
                            List<NewEvent> events = kind % 2 == 0 ? List.of(event()) : List.of(event(), event());
                            long expected = version;
                            if (kind < 2) {
                                assertThatThrownBy(() -> run(() -> sql.withTransaction(connection ->
                                        store.append(connection, stream, expected, events)
                                                .chain(() -> Uni.createFrom().failure(new IllegalStateException("roll back"))))))
                                        .hasMessageContaining("roll back");
                                events.forEach(e -> rolledBack.add(e.eventId()));
                                continue;
                            }
                            double pause = kind < 5 ? 0.05 + 0.05 * kind : 0;
                            run(() -> sql.withTransaction(connection -> store.append(connection, stream, expected, events)
                                    .call(() -> connection.preparedQuery("SELECT 1 FROM pg_sleep($1)")
                                            .execute(Tuple.of(pause)))));
                            if (pause > 0) {
                                slowCommits.incrementAndGet();
                            }
                            events.forEach(e -> committed.add(e.eventId()));
                            version += events.size();
                        }
                    } finally {
                        done.countDown();
                    }
                }));
            }

            // The reader polls while the writers run, and drains once they are done.
            var seen = Collections.synchronizedList(new ArrayList<RecordedEvent>());
            var checkpoint = new GlobalPosition[] {start};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
                boolean writersDone = done.getCount() == 0;
                List<RecordedEvent> page = run(() -> store.readAll(checkpoint[0], 20));
                for (RecordedEvent event : page) {
                    assertThat(event.position()).isGreaterThan(checkpoint[0]);
                    checkpoint[0] = event.position();
                    if (streams.contains(event.streamId())) {
                        seen.add(event);
                    }
                }
                return writersDone && page.isEmpty();
            });

            for (var writer : futures) {
                writer.get(); // a writer's own failed assertion fails the test
            }
            assertThat(rolledBack).as("the scenario rolled some appends back").isNotEmpty();
            assertThat(slowCommits.get()).as("the scenario held some transactions open").isPositive();
            List<UUID> seenIds = seen.stream().map(RecordedEvent::eventId).toList();
            assertThat(seenIds).doesNotHaveDuplicates();
            assertThat(new HashSet<>(seenIds)).isEqualTo(committed);
            assertThat(seenIds).doesNotContainAnyElementsOf(rolledBack);
            Map<UUID, List<Long>> versionsByStream = new HashMap<>();
            seen.forEach(e -> versionsByStream.computeIfAbsent(e.streamId(), s -> new ArrayList<>()).add(e.version()));
            versionsByStream.values().forEach(versions -> assertThat(versions)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, versions.size()).boxed().toList()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void appending_the_same_events_again_writes_nothing() {
        UUID stream = UUID.randomUUID();
        List<NewEvent> events = List.of(event(), event());

        AppendResult first = run(() -> store.append(stream, 0, events));
        AppendResult again = run(() -> store.append(stream, 0, events));

        assertThat(first).isEqualTo(new AppendResult(2, false));
        assertThat(again).isEqualTo(new AppendResult(2, true));
        assertThat(run(() -> store.readStream(stream, 0))).extracting(RecordedEvent::eventId)
                .containsExactly(events.get(0).eventId(), events.get(1).eventId());
    }

    @Test
    void an_append_from_a_stale_version_is_a_conflict_and_leaves_no_gap() {
        UUID stream = UUID.randomUUID();
        run(() -> store.append(stream, 0, List.of(event())));

        assertThatThrownBy(() -> run(() -> store.append(stream, 0, List.of(event())))).isInstanceOf(ConcurrencyConflict.class);
        assertThatThrownBy(() -> run(() -> store.append(stream, 5, List.of(event())))).isInstanceOf(ConcurrencyConflict.class);
        run(() -> store.append(stream, 1, List.of(event())));

        assertThat(run(() -> store.readStream(stream, 0))).extracting(RecordedEvent::version).containsExactly(1L, 2L);
    }

    @Test
    void metadata_and_recorded_time_are_stored_with_each_event() {
        UUID stream = UUID.randomUUID();
        var event = new NewEvent(UUID.randomUUID(), "TestHappened", 1, "{\"n\": 7}",
                new EventMetadata("corr-1", "cause-1", "alice", null));

        run(() -> store.append(stream, 0, List.of(event)));
        RecordedEvent stored = run(() -> store.readStream(stream, 0)).getFirst();

        assertThat(stored.metadata()).isEqualTo(new EventMetadata("corr-1", "cause-1", "alice", null));
        assertThat(stored.eventId()).isEqualTo(event.eventId());
        assertThat(stored.data()).isEqualTo("{\"n\": 7}");
        assertThat(stored.recordedAt()).isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plusSeconds(5));
    }

    @Test
    void a_reader_checkpoint_is_saved_and_loaded_as_a_pair() {
        String reader = "test-" + UUID.randomUUID();
        assertThat(run(() -> checkpoints.load(reader))).isEqualTo(GlobalPosition.START);

        run(() -> checkpoints.save(reader, new GlobalPosition(42, 7)));
        run(() -> checkpoints.save(reader, new GlobalPosition(43, 5)));

        assertThat(run(() -> checkpoints.load(reader))).isEqualTo(new GlobalPosition(43, 5));
    }

    @Test
    void connections_end_transactions_left_idle_so_they_cannot_hold_readers_back() {
        String timeout = run(() -> sql.query("SELECT current_setting('idle_in_transaction_session_timeout')").execute()
                .map(rows -> rows.iterator().next().getString(0)));

        assertThat(timeout).isEqualTo("10s");
    }
}
