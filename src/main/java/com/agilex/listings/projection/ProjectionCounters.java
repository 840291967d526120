package com.agilex.listings.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What the projector did since start: events applied, skipped as duplicates, sent to the
 * dead-letter topic, its last error, whether it is failing, and its checkpoint. Also kept as
 * metrics: events by outcome, records on the dead-letter topic, and the projection lag (from
 * an event's recording in the store to its application) as a histogram.
 */
@ApplicationScoped
public class ProjectionCounters {

    /** The freshness SLO's target (visible within 1 s) and its neighbours, as histogram buckets. */
    static final Duration[] LAG_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30)};

    private final Counter applied;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final Counter deadLetterRecords;
    private final Counter refusedUnauthenticated;
    private final Counter refusedNotInStore;
    private final Timer lag;
    /** Per partition of the consumed topic: the next offset to read, everything before it applied and acknowledged. */
    private final ConcurrentSkipListMap<Integer, Long> nextOffsets = new ConcurrentSkipListMap<>();
    private volatile Instant lastEventRecordedAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    /** Since when every attempt to apply has failed (null: the last one succeeded). */
    private volatile Instant failingSince;

    public ProjectionCounters(MeterRegistry registry) {
        String projection = ProjectionRebuild.PROJECTION;
        applied = events(registry, projection, "applied");
        duplicates = events(registry, projection, "duplicate");
        deadLettered = events(registry, projection, "dead_lettered");
        deadLetterRecords = Counter.builder("listings.dlq.records")
                .description("Records written to the dead-letter topic").tag("projection", projection).register(registry);
        refusedUnauthenticated = refused(registry, "unauthenticated");
        refusedNotInStore = refused(registry, "not_in_store");
        lag = Timer.builder("listings.projection.lag")
                .description("From an event's recording in the event store to its application to the read model")
                .tag("projection", projection)
                .publishPercentileHistogram()
                .serviceLevelObjectives(LAG_BUCKETS)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder("listings.events.refused")
                .description("Deliveries to POST /events refused: a caller that is not the event source, or an event the store does not hold as delivered")
                .tag("reason", reason).register(registry);
    }

    private static Counter events(MeterRegistry registry, String projection, String outcome) {
        return Counter.builder("listings.projection.events").description("Events the projector handled, by outcome")
                .tags("projection", projection, "outcome", outcome).register(registry);
    }

    void count(ListingProjection.Outcome outcome) {
        Instant now = Instant.now();
        applied.increment(outcome.applied().size());
        duplicates.increment(outcome.duplicates());
        outcome.applied().forEach(event -> lag.record(Duration.between(event.recordedAt(), now)));
        failingSince = null;
    }

    void refusedUnauthenticated() {
        refusedUnauthenticated.increment();
    }

    void refusedNotInStore() {
        refusedNotInStore.increment();
    }

    void countDeadLettered(int count) {
        deadLettered.increment(count);
    }

    /** Records the dead-letter topic acknowledged. */
    void countDeadLetterRecords(int count) {
        deadLetterRecords.increment(count);
    }

    /** A batch is applied and acknowledged up to this offset of this partition. */
    void acknowledged(int partition, long offset) {
        nextOffsets.merge(partition, offset + 1, Math::max);
    }

    /** The newest event (by its recorded time) of a batch applied and acknowledged. */
    void appliedUpTo(Instant recordedAt) {
        if (lastEventRecordedAt == null || recordedAt.isAfter(lastEventRecordedAt)) {
            lastEventRecordedAt = recordedAt;
        }
    }

    /**
     * Where this instance's consumer stands: the next offset per partition it holds (Kafka's
     * own checkpoint for the consumer group) and the newest event it applied.
     */
    public Checkpoint checkpoint() {
        return new Checkpoint(Map.copyOf(nextOffsets), lastEventRecordedAt);
    }

    /** See {@link #checkpoint()}. */
    public record Checkpoint(Map<Integer, Long> nextOffsetByPartition, Instant lastEventRecordedAt) {
    }

    /** An attempt to apply failed (it is retried); or an event was dead-lettered. */
    void failed(String error) {
        lastError = error;
        lastErrorAt = Instant.now();
    }

    /** An attempt to apply a batch failed with a transient fault: the projector is stuck until one succeeds. */
    void attemptFailed(String error) {
        failed(error);
        if (failingSince == null) {
            failingSince = lastErrorAt;
        }
    }

    /** Since when the projector has failed to apply anything; null when it is not failing. */
    public Instant failingSince() {
        return failingSince;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    public long applied() {
        return (long) applied.count();
    }

    public long duplicates() {
        return (long) duplicates.count();
    }

    public long deadLettered() {
        return (long) deadLettered.count();
    }
}
