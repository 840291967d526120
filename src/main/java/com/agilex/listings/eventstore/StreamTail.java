package com.agilex.listings.eventstore;

import java.util.List;
import java.util.Optional;

/** A stream read from a snapshot: the snapshot, if there is one, and the events that follow it. */
public record StreamTail(Optional<Snapshots.Snapshot> snapshot, List<RecordedEvent> events) {
}
