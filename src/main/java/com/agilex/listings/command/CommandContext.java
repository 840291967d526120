package com.agilex.listings.command;

import java.util.UUID;

/** Who sent a command and which request it belongs to; stored with the events it causes. */
public record CommandContext(String actor, String correlationId, UUID commandId) {
}
