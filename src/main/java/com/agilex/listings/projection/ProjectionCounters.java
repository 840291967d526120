package com.agilex.listings.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** How many events the projector applied, skipped as duplicates, or sent to the dead-letter topic. */
@ApplicationScoped
public class ProjectionCounters {

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();

    void count(ListingProjection.Outcome outcome) {
        applied.addAndGet(outcome.applied());
        duplicates.addAndGet(outcome.duplicates());
    }

    void countDeadLettered(int count) {
        deadLettered.addAndGet(count);
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
