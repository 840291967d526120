package com.agilex.listings.command;

import com.agilex.listings.eventstore.WithinAppend;
import java.util.UUID;

/**
 * Who sent a command, which request it belongs to and its trace (stored with its events), and
 * what else must commit with its events (the answer to an idempotent request).
 */
public record CommandContext(String actor, String correlationId, UUID commandId, String traceparent,
        WithinAppend withinAppend) {

    public CommandContext(String actor, String correlationId, UUID commandId, String traceparent) {
        this(actor, correlationId, commandId, traceparent, WithinAppend.NOTHING);
    }

    public CommandContext withinAppend(WithinAppend work) {
        return new CommandContext(actor, correlationId, commandId, traceparent, work);
    }
}
