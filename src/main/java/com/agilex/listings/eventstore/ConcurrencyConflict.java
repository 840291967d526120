package com.agilex.listings.eventstore;

import java.util.UUID;

/** The stream was not at the expected version when an append tried to extend it. */
public final class ConcurrencyConflict extends RuntimeException {

    private final UUID streamId;
    private final long expectedVersion;

    public ConcurrencyConflict(UUID streamId, long expectedVersion) {
        // An expected outcome under concurrency: no stack trace needed.
        super("Stream " + streamId + " is no longer at version " + expectedVersion, null, false, false);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
    }

    public UUID streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
