-- Every snapshot of a stream is kept, one per listings.snapshots.every events (about one row per
-- hundred events): a load starts from the newest, time travel from the newest at or before the
-- point it shows, so neither folds more than the events since a snapshot.
ALTER TABLE snapshots DROP CONSTRAINT snapshots_pkey;
ALTER TABLE snapshots ADD PRIMARY KEY (stream_id, version);
