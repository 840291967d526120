package com.agilex.listings.eventstore;

/**
 * Context stored with every event: which request it belongs to (correlation), what caused it
 * (causation: the command's id), and who acted.
 */
public record EventMetadata(String correlationId, String causationId, String actor) {
}
