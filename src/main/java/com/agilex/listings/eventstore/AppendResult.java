package com.agilex.listings.eventstore;

/**
 * The stream's version after an append. {@code alreadyStored} is true when every event id was
 * already in the stream (a retried append) and nothing new was written.
 */
public record AppendResult(long version, boolean alreadyStored) {
}
