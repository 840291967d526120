package com.agilex.listings.eventstore;

/**
 * Context stored with every event: which request it belongs to (correlation), what caused it
 * (causation: the command's id), who acted, and the W3C traceparent of the request (or null),
 * so that work done later for the event can join the command's trace. Stored as JSON under
 * these names, which {@link EventStore} reads field by field: renaming one needs a migration.
 */
public record EventMetadata(String correlationId, String causationId, String actor, String traceparent) {
}
