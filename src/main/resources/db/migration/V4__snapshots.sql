-- The newest snapshot of each stream's state: loading folds only the events after it.
CREATE TABLE snapshots (
    stream_id     uuid        PRIMARY KEY,
    version       bigint      NOT NULL,
    -- The shape of the state as serialized; a snapshot of another shape is ignored.
    shape_version integer     NOT NULL,
    state         jsonb       NOT NULL,
    taken_at      timestamptz NOT NULL DEFAULT now()
);
