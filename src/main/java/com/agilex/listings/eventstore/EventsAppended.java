package com.agilex.listings.eventstore;

import java.util.UUID;

/** Fired (CDI event) after a command's events are committed, so the relay publishes them at once. */
public record EventsAppended(UUID streamId, long version) {
}
