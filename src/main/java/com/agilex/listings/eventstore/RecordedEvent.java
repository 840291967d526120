package com.agilex.listings.eventstore;

import java.time.Instant;
import java.util.UUID;

/** An event as the store holds it. {@code version} is its place in its stream, from 1. */
public record RecordedEvent(
        GlobalPosition position,
        UUID streamId,
        long version,
        UUID eventId,
        String type,
        int schemaVersion,
        String data,
        EventMetadata metadata,
        Instant recordedAt) {
}
