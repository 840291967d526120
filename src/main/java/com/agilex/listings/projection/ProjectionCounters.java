package com.agilex.listings.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the projector did since start: events applied, skipped as duplicates, sent to the
 * dead-letter topic, and its last error.
 */
@ApplicationScoped
public class ProjectionCounters {

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    void count(ListingProjection.Outcome outcome) {
        applied.addAndGet(outcome.applied());
        duplicates.addAndGet(outcome.duplicates());
    }

    void countDeadLettered(int count) {
        deadLettered.addAndGet(count);
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
