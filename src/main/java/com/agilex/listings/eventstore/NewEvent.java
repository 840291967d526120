package com.agilex.listings.eventstore;

import java.util.UUID;

/** An event ready to append: its id, type name, schema version, JSON data and metadata. */
public record NewEvent(UUID eventId, String type, int schemaVersion, String data, EventMetadata metadata) {
}
