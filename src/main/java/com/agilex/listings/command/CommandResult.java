package com.agilex.listings.command;

import java.util.UUID;

/** The answer to a successful command: the listing and the version it is now at. */
public record CommandResult(UUID id, long version) {
}
