package com.agilex.listings.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the projector did since start: events applied, skipped as duplicates, sent to the
 * dead-letter topic, its last error, and its checkpoint.
 */
@ApplicationScoped
public class ProjectionCounters {

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    /** Per partition of the consumed topic: the next offset to read, everything before it applied and acknowledged. */
    private final ConcurrentSkipListMap<Integer, Long> nextOffsets = new ConcurrentSkipListMap<>();
    private volatile Instant lastEventRecordedAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    void count(ListingProjection.Outcome outcome) {
        applied.addAndGet(outcome.applied());
        duplicates.addAndGet(outcome.duplicates());
    }

    void countDeadLettered(int count) {
        deadLettered.addAndGet(count);
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

    void failed(String error) {
        lastError = error;
        lastErrorAt = Instant.now();
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    public long applied() {
        return applied.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }
}
