package com.agilex.listings.command;

import java.util.UUID;

/** Who sent a command, which request it belongs to and its trace; stored with its events. */
public record CommandContext(String actor, String correlationId, UUID commandId, String traceparent) {
}
