package com.agilex.listings.history;

import com.agilex.listings.eventstore.RecordedEvent;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/** One event of the audit trail, as stored: its data in the schema version it was written in. */
public record StoredEventView(
        UUID eventId,
        String type,
        int schemaVersion,
        long version,
        Instant recordedAt,
        String actor,
        String correlationId,
        String causationId,
        @JsonRawValue String data) {

    static StoredEventView of(RecordedEvent event) {
        return new StoredEventView(event.eventId(), event.type(), event.schemaVersion(), event.version(),
                event.recordedAt(), event.metadata().actor(), event.metadata().correlationId(),
                event.metadata().causationId(), event.data());
    }
}
